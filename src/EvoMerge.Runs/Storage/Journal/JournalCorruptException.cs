namespace EvoMerge.Runs.Storage.Journal;

/// <summary>
/// A journal line other than a torn last one is damaged or invalid. A crash cannot cause this, so it
/// is never repaired silently; the message names the file, line and byte offset and what to do.
/// </summary>
public sealed class JournalCorruptException : IOException
{
    public JournalCorruptException(string filePath, int lineNumber, long byteOffset, string problem, bool intact)
        : base(Describe(filePath, lineNumber, byteOffset, problem, intact))
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        ByteOffset = byteOffset;
        Problem = problem;
    }

    public string FilePath { get; }

    public int LineNumber { get; }

    public long ByteOffset { get; }

    public string Problem { get; }

    private static string Describe(string path, int line, long offset, string problem, bool intact)
    {
        string what = intact
            ? $"line {line} (byte {offset}) is intact (its checksum matches) but invalid: {problem}. Something other than this version of EvoMerge wrote it"
            : $"line {line} (byte {offset}) is damaged: {problem}. A crash can only tear the last line, so this is real damage (a disk error, an edit, or a second writer)";
        return $"Run journal '{path}': {what}. Restore the run folder from a copy; or keep lines 1 to {line - 1}, "
            + $"losing everything after them, by truncating the file to {offset} bytes (truncate -s {offset} '{path}') and resume.";
    }
}
