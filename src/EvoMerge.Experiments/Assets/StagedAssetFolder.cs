using EvoMerge.Core.IO;

namespace EvoMerge.Experiments.Assets;

/// <summary>
/// How prepared asset folders (trained models, data files) are replaced safely: built in a hidden staging
/// sibling, then swapped in with two renames; only an empty folder or earlier assets (recognised by their
/// manifest) may be replaced; leftovers of a killed prepare are removed first.
/// </summary>
public static class StagedAssetFolder
{
    /// <summary>Only an empty folder or earlier assets of the same kind (with <paramref name="manifestName"/>) may be replaced.</summary>
    public static void RequireReplaceable(string target, string manifestName, string what)
    {
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any()) return;
        if (!File.Exists(Path.Combine(target, manifestName)))
            throw new IOException($"{target} is not empty and holds no {manifestName}: it is not {what}, so it is left alone. Choose another folder.");
    }

    /// <summary>A fresh staging folder beside <paramref name="target"/>.</summary>
    public static string NewStaging(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.staging-{Guid.NewGuid():N}");

    /// <summary>The old folder is moved aside before the new one moves in: two renames, each atomic.</summary>
    public static void Swap(string staging, string target)
    {
        string? aside = null;
        if (Directory.Exists(target))
        {
            aside = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
            Directory.Move(target, aside);
        }
        Directory.Move(staging, target);
        DirectorySync.Flush(Path.GetDirectoryName(target)!);
        if (aside is not null) Directory.Delete(aside, recursive: true);
    }

    /// <summary>Staging or set-aside folders of an earlier prepare that was killed.</summary>
    public static void RemoveLeftovers(string parent, string name)
    {
        foreach (var pattern in new[] { $".{name}.staging-*", $".{name}.old-*" })
            foreach (var leftover in Directory.EnumerateDirectories(parent, pattern))
                Directory.Delete(leftover, recursive: true);
    }
}
