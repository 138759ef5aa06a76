namespace EvoMerge.Runs.Storage.Journal;

/// <summary>One journal line or event does not follow the format; the reader adds file and line.</summary>
public sealed class JournalFormatException(string message) : Exception(message);
