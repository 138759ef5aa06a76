namespace EvoMerge.Merging.Tests.Support;

/// <summary>Finds the repository root (the folder holding EvoMerge.sln) and shared/ beside it, as CI lays them out.</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "EvoMerge.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("EvoMerge.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string GoldenMergekit => Path.Combine(Shared, "golden", "mergekit");

    /// <summary>The second set of mergekit golden cases (the newer methods, gradients with filters, bfloat16).</summary>
    public static string GoldenMergekitMore => Path.Combine(Shared, "golden", "mergekit-more");
}

/// <summary>A temporary folder deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "evomerge-test-" + Guid.NewGuid().ToString("N"));
    public TempFolder() => Directory.CreateDirectory(Path);
    public string Sub(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() { if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true); }
}
