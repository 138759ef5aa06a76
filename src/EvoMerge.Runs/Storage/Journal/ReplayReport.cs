namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// What replaying a journal found: how many lines held valid events, the file's length and the
/// length of its valid part, the torn last line if any, and whether opening cut that line off.
/// </summary>
public sealed record ReplayReport(string FilePath, int LinesRead, long FileLength, long ValidLength, TornLine? TornLastLine)
{
    public bool TornLastLineDropped => TornLastLine is not null;

    /// <summary>True once <see cref="RunJournal.Open"/> truncated the file to <see cref="ValidLength"/>.</summary>
    public bool FileTruncated { get; init; }
}
