namespace EvoMerge.TestSupport;

/// <summary>The repository root (the folder holding EvoMerge.sln) and the shared folder beside it, as CI lays them out.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>"../shared" beside the repository root: golden files and reference data.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string GoldenMergekit => Path.Combine(Shared, "golden", "mergekit");

    /// <summary>The second set of mergekit golden cases (the newer methods, gradients with filters, bfloat16).</summary>
    public static string GoldenMergekitMore => Path.Combine(Shared, "golden", "mergekit-more");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EvoMerge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("EvoMerge.sln not found above " + AppContext.BaseDirectory);
    }
}
