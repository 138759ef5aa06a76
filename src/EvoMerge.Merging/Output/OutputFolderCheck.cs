using EvoMerge.Merging.Config;
using EvoMerge.Merging.Planning;

namespace EvoMerge.Merging.Output;

/// <summary>
/// Decides whether a merge may write OUT_DIR. Refused: a folder that is or holds the file-system root, $HOME,
/// the working directory or the config's folder; one that is, holds or lies inside an input model (or the
/// tokenizer source); a non-empty folder without --overwrite; and with --overwrite, any folder that is not a
/// previous EvoMerge output. Paths are compared with symbolic links resolved.
/// </summary>
public static class OutputFolderCheck
{
    /// <summary>Every problem with writing <paramref name="outputDirectory"/>, each naming the folder and what to do.</summary>
    public static List<string> Problems(string outputDirectory, MergeConfig config, bool overwrite, string? configPath)
    {
        var problems = new List<string>();
        string target = PhysicalPaths.Resolve(outputDirectory);
        string shown = ShownName(outputDirectory, target);
        if (File.Exists(target))
        {
            problems.Add($"{shown}: output path is a file; give a folder.");
            return problems;
        }

        var protectedFolders = new List<(string Label, string Path)>
        {
            ("the file-system root", Path.GetPathRoot(target)!),
            ("the working directory", Environment.CurrentDirectory),
        };
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length > 0) protectedFolders.Add(("your home folder", home));
        if (configPath != null) protectedFolders.Add(("the config's folder", Path.GetDirectoryName(Path.GetFullPath(configPath))!));
        foreach (var (label, path) in protectedFolders)
        {
            string resolved = PhysicalPaths.Resolve(path);
            if (PhysicalPaths.IsSameOrInside(resolved, target))
                problems.Add($"{shown}: the output folder {(resolved == target ? "is" : "contains")} {label} ({resolved}), which a merge would replace; choose a new folder.");
        }

        var inputs = config.ReferencedModels().Select(m => (Label: "the input model", Path: m)).ToList();
        if (config.TokenizerSource is { } tok && tok != "base") inputs.Add(("the tokenizer source", tok));
        foreach (var (label, path) in inputs)
        {
            string resolved = PhysicalPaths.Resolve(path);
            bool isFolder = Directory.Exists(resolved);
            if (PhysicalPaths.IsSameOrInside(resolved, target))
                problems.Add($"{shown}: the output folder {(resolved == target ? "is" : "contains")} {label} {path}; choose a folder apart from the inputs.");
            else if (isFolder && PhysicalPaths.IsSameOrInside(target, resolved))
                problems.Add($"{shown}: the output folder lies inside {label} {path}; choose a folder apart from the inputs.");
        }

        if (ContentProblem(target, shown, overwrite) is { } content) problems.Add(content);
        return problems;
    }

    /// <summary>The rule on what an existing OUT_DIR holds; checked again under the output lock, just before writing.</summary>
    public static string? ContentProblem(string target, string shown, bool overwrite)
    {
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any()) return null;
        if (!overwrite) return $"{shown}: output folder is not empty; choose another or pass --overwrite to replace a previous EvoMerge output.";
        return PreviousOutput.WhyNot(target) is { } why
            ? $"{shown}: --overwrite replaces only a previous EvoMerge output, and this folder {why}; empty or remove it yourself, or choose another folder."
            : null;
    }

    /// <summary>The folder as the user gave it, with the real location when a link leads elsewhere.</summary>
    public static string ShownName(string given, string resolved)
    {
        string full = Path.GetFullPath(given);
        return full == resolved ? full : $"{full} (-> {resolved})";
    }
}
