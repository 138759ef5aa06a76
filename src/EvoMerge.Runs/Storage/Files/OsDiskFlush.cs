namespace EvoMerge.Runs.Storage.Files;

/// <summary>fsync (Unix) or FlushFileBuffers (Windows), through <see cref="FileStream.Flush(bool)"/>.</summary>
public sealed class OsDiskFlush : IDiskFlush
{
    public static OsDiskFlush Instance { get; } = new();

    private OsDiskFlush()
    {
    }

    public void FlushToDisk(FileStream stream) => stream.Flush(flushToDisk: true);
}
