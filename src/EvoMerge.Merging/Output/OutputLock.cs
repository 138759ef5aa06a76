using EvoMerge.Merging.Config;

namespace EvoMerge.Merging.Output;

/// <summary>
/// An exclusive lock on one output folder for the length of a merge (".OUT.evomerge-lock" next to it), so a
/// second merge into the same folder fails at once instead of silently replacing the first one's output.
/// The operating system releases it when the process dies, so a killed merge leaves no stuck lock.
/// </summary>
public sealed class OutputLock : IDisposable
{
    readonly FileStream _stream;

    OutputLock(FileStream stream) => _stream = stream;

    public static OutputLock Acquire(string target, string shownName)
    {
        string path = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.evomerge-lock");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new MergeConfigException(
                $"{shownName}: another merge is writing this output folder; wait for it to finish or choose another folder.");
        }
        return new OutputLock(stream);
    }

    public void Dispose() => _stream.Dispose();
}
