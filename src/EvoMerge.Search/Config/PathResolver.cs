using EvoMerge.Models.HuggingFace;

namespace EvoMerge.Search.Config;

/// <summary>
/// Resolves paths against the working directory and records the ones that do not exist. Model paths may
/// also be Hugging Face ids (org/name) found in the local hub cache. A <see cref="PathMap"/> (a worker on another
/// machine) moves each resolved path to where this machine keeps it; problems then name both paths.
/// </summary>
internal sealed class PathResolver(string workingDirectory, List<string> problems, HubCache hubCache, PathMap? map = null)
{
    string Full(string path)
    {
        string full = Path.GetFullPath(path, workingDirectory);
        return map is null ? full : map.Apply(full);
    }

    string Shown(string full, string path)
    {
        string original = Path.GetFullPath(path, workingDirectory);
        return original == full ? full : $"{full} (the coordinator's {original}, mapped by --path-map)";
    }

    /// <summary>
    /// A local folder or file, else (for an <c>org/name</c> that is not a local path) the model's snapshot
    /// folder in the Hugging Face cache; <paramref name="hubName"/> is then the name part of the id.
    /// </summary>
    public string? ExistingModel(string? path, string field, out string? hubName)
    {
        hubName = null;
        if (path is null) return null;
        string full = Full(path);
        if (Directory.Exists(full) || File.Exists(full) || !HubCache.IsModelId(path))
            return ExistingFolderOrFile(path, field);
        try
        {
            hubName = path[(path.IndexOf('/') + 1)..];
            return hubCache.Resolve(path);
        }
        catch (FileNotFoundException e)
        {
            problems.Add($"{field}: {e.Message}");
            return full;
        }
    }

    public string? ExistingFolderOrFile(string? path, string field)
    {
        if (path is null) return null;
        string full = Full(path);
        if (!Directory.Exists(full) && !File.Exists(full))
            problems.Add($"{field}: {Shown(full, path)} not found (relative paths resolve against the directory the command runs in).");
        return full;
    }

    /// <summary>An existing folder this process can create files in (checked by creating and deleting one).</summary>
    public string? WritableFolder(string? path, string field)
    {
        if (path is null) return null;
        string full = Full(path);
        if (WritableFolderCheck.Problem(full) is { } problem)
            problems.Add($"{field}: {problem}");
        return full;
    }

    public string? ExistingFile(string? path, string field)
    {
        if (path is null) return null;
        string full = Full(path);
        if (!File.Exists(full))
            problems.Add($"{field}: file {Shown(full, path)} not found (relative paths resolve against the directory the command runs in).");
        return full;
    }
}
