namespace EvoMerge.Runs.Storage.Journal;

/// <summary>A line's bytes do not match their checksum: torn by a crash if last, real damage otherwise.</summary>
internal sealed class DamagedLineException(string problem) : Exception(problem);
