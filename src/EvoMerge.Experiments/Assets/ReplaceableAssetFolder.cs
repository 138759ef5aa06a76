namespace EvoMerge.Experiments.Assets;

/// <summary>
/// Which folders a prepare step may replace with freshly built assets (the building itself goes through
/// <see cref="EvoMerge.Core.IO.StagedFolder"/>): only an empty folder or earlier assets, recognised by their manifest.
/// </summary>
public static class ReplaceableAssetFolder
{
    /// <summary>Throws unless <paramref name="target"/> is absent, empty or holds <paramref name="manifestName"/>.</summary>
    public static void Require(string target, string manifestName, string what)
    {
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any()) return;
        if (!File.Exists(Path.Combine(target, manifestName)))
            throw new IOException($"{target} is not empty and holds no {manifestName}: it is not {what}, so it is left alone. Choose another folder.");
    }
}
