using EvoMerge.Runs.Storage.Files;

namespace EvoMerge.Search.Tests.Trials;

/// <summary>Flushes like the real journal does and notes each flush ("flush") in a shared <see cref="EventLog"/>.</summary>
sealed class LoggingDiskFlush(EventLog log) : IDiskFlush
{
    public void FlushToDisk(FileStream stream)
    {
        log.Add("flush");
        OsDiskFlush.Instance.FlushToDisk(stream);
    }
}
