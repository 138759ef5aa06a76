namespace EvoMerge.Evaluation.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string? nameSuffix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "evomerge-tests-" + Guid.NewGuid().ToString("N") + nameSuffix);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public bool IsEmpty => !Directory.EnumerateFileSystemEntries(Path).Any();

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
