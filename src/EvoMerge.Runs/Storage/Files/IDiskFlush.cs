namespace EvoMerge.Runs.Storage.Files;

/// <summary>
/// Pushes a file's written bytes through the OS cache to the device. An interface so that tests can
/// observe how often the journal really commits.
/// </summary>
public interface IDiskFlush
{
    void FlushToDisk(FileStream stream);
}
