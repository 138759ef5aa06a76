namespace EvoMerge.Runs.Storage.Journal;

/// <summary>Bytes of one line (without its newline), where it starts, and whether a newline ended it.</summary>
internal sealed record RawLine(int Number, long Offset, byte[] Bytes, bool Terminated)
{
    public long EndOffset => Offset + Bytes.Length + (Terminated ? 1 : 0);
}
