namespace EvoMerge.Runs.Storage.Journal;

/// <summary>The damaged last line a crash left behind, which replay ignores (and opening truncates).</summary>
public sealed record TornLine(int LineNumber, long ByteOffset, long Length, string Problem);
