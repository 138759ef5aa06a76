using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Files;

namespace EvoMerge.Runs.Tests;

/// <summary>Counts flushes to disk and performs them; can be told to fail instead.</summary>
internal sealed class CountingDiskFlush : IDiskFlush
{
    public int Count { get; private set; }

    public bool Fail { get; set; }

    public void FlushToDisk(FileStream stream)
    {
        if (Fail)
        {
            throw new IOException("simulated: the device reported an error");
        }

        Count++;
        OsDiskFlush.Instance.FlushToDisk(stream);
    }
}
