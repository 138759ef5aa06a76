using Microsoft.Win32.SafeHandles;

namespace EvoMerge.SafeTensors.Writing;

/// <summary>An output shard being written: a temporary file, pre-sized, header already in place.</summary>
internal sealed class ShardFile : IDisposable
{
    private ShardFile(ShardPlan plan, string tempPath, string finalPath, SafeFileHandle handle, long dataStart)
    {
        Plan = plan;
        TempPath = tempPath;
        FinalPath = finalPath;
        Handle = handle;
        DataStart = dataStart;
    }

    public ShardPlan Plan { get; }

    public string TempPath { get; }

    public string FinalPath { get; }

    public SafeFileHandle Handle { get; }

    /// <summary>File offset of the data buffer.</summary>
    public long DataStart { get; }

    /// <summary>Creates ".&lt;name&gt;.tmp-&lt;random&gt;" beside the final name and writes the header.</summary>
    public static ShardFile Create(string directory, ShardPlan plan, IReadOnlyDictionary<string, string> metadata)
    {
        var header = HeaderWriter.Build(plan, metadata);
        var tempPath = TempPathFor(directory, plan.FileName);
        var handle = File.OpenHandle(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            RandomAccess.SetLength(handle, checked(header.Length + plan.DataBytes));
            RandomAccess.Write(handle, header, 0);
            return new ShardFile(plan, tempPath, Path.Combine(directory, plan.FileName), handle, header.Length);
        }
        catch
        {
            handle.Dispose();
            File.Delete(tempPath);
            throw;
        }
    }

    /// <summary>A unique hidden name; only uniqueness matters, so it need not come from the seeded RNG.</summary>
    public static string TempPathFor(string directory, string finalName) =>
        Path.Combine(directory, $".{finalName}.tmp-{Guid.NewGuid():N}");

    public void Dispose() => Handle.Dispose();
}
