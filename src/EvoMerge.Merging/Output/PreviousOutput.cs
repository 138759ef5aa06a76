using System.Text.RegularExpressions;
using EvoMerge.Merging.Planning;

namespace EvoMerge.Merging.Output;

/// <summary>
/// Recognizes a folder EvoMerge wrote: its evomerge_config.yml plus only the files a merge writes. Only
/// such a folder may be replaced by --overwrite, so a mistyped OUT_DIR cannot wipe anything else.
/// </summary>
public static partial class PreviousOutput
{
    public const string ConfigFileName = "evomerge_config.yml";

    [GeneratedRegex(@"^model(-\d{5}-of-\d{5})?\.safetensors(\.index\.json)?$")]
    private static partial Regex CheckpointName();

    /// <summary>Null when <paramref name="folder"/> is a previous EvoMerge output, else why it is not.</summary>
    public static string? WhyNot(string folder)
    {
        var entries = new DirectoryInfo(folder).EnumerateFileSystemInfos().ToList();
        var foreign = entries
            .Where(e => e is not FileInfo || e.LinkTarget != null || !IsMergeOutputName(e.Name))
            .Select(e => e is DirectoryInfo ? e.Name + "/" : e.Name)
            .Order(StringComparer.Ordinal).ToList();
        string shown = string.Join(", ", foreign.Take(5)) + (foreign.Count > 5 ? $" and {foreign.Count - 5} more" : "");
        if (!entries.Any(e => e.Name == ConfigFileName && e is FileInfo))
            return $"has no {ConfigFileName}, so EvoMerge did not write it" + (foreign.Count > 0 ? $" (it holds {shown})" : "");
        return foreign.Count == 0 ? null : $"holds entries a merge does not write ({shown})";
    }

    static bool IsMergeOutputName(string name) =>
        name == ConfigFileName || name == "config.json" || CheckpointName().IsMatch(name) || ModelFolderFiles.TokenizerFiles.Contains(name);
}
