namespace EvoMerge.Search.Config;

/// <summary>Resolves paths against the working directory and records the ones that do not exist.</summary>
internal sealed class PathResolver(string workingDirectory, List<string> problems)
{
    public string? ExistingFolderOrFile(string? path, string field)
    {
        if (path is null) return null;
        string full = Path.GetFullPath(path, workingDirectory);
        if (!Directory.Exists(full) && !File.Exists(full))
            problems.Add($"{field}: {full} not found (relative paths resolve against the directory the command runs in).");
        return full;
    }

    public string? ExistingFile(string? path, string field)
    {
        if (path is null) return null;
        string full = Path.GetFullPath(path, workingDirectory);
        if (!File.Exists(full))
            problems.Add($"{field}: file {full} not found (relative paths resolve against the directory the command runs in).");
        return full;
    }
}
