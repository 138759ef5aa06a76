namespace EvoMerge.Merging.Output;

/// <summary>
/// Absolute paths with every symbolic link resolved, so that overlap checks compare where things really
/// are: "out -> ./models/a" must count as the model folder, not as a new folder next to it.
/// </summary>
public static class PhysicalPaths
{
    const int MaxLinkHops = 40;

    /// <summary>The path with symbolic links in all existing components resolved; missing tails are kept as given.</summary>
    public static string Resolve(string path) => Resolve(Path.GetFullPath(path), 0);

    static string Resolve(string full, int hops)
    {
        string root = Path.GetPathRoot(full)!;
        string current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target && hops < MaxLinkHops)
                next = Resolve(Path.GetFullPath(target, current), hops + 1);
            current = next;
        }
        return current;
    }

    /// <summary>True when <paramref name="path"/> equals <paramref name="folder"/> or lies below it (both resolved).</summary>
    public static bool IsSameOrInside(string path, string folder)
    {
        if (string.Equals(path, folder, StringComparison.Ordinal)) return true;
        string prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
