namespace EvoMerge.Cli.Terminal;

/// <summary>
/// Where the repository is (for the demo's shipped configs and default output folders):
/// EVOMERGE_HOME as run.sh sets it, else the folder above the binary that holds EvoMerge.sln.
/// </summary>
public static class RepositoryPaths
{
    public static string Root()
    {
        string? home = Environment.GetEnvironmentVariable("EVOMERGE_HOME");
        if (!string.IsNullOrEmpty(home) && Directory.Exists(home)) return Path.GetFullPath(home);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EvoMerge.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }

    public static string Results() => Path.Combine(Root(), "results");
}
