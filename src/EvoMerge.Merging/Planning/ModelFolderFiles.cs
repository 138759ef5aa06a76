using EvoMerge.Merging.Output;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Merging.Planning;

/// <summary>
/// The side files of a model folder (config.json, tokenizer files) that a merge reads or copies. Only regular
/// files that really belong to the folder are used: a symbolic link "tokenizer.json -> /etc/shadow" must not
/// put another file's contents into the merged output.
/// </summary>
public static class ModelFolderFiles
{
    public static readonly IReadOnlyList<string> TokenizerFiles =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model", "vocab.json",
         "merges.txt", "added_tokens.json", "vocab.txt", "spiece.model", "generation_config.json", "chat_template.jinja"];

    /// <summary>The folder of a model given as a folder or as a checkpoint file.</summary>
    public static string FolderOf(string model) => Directory.Exists(model) ? model : Path.GetDirectoryName(Path.GetFullPath(model))!;

    /// <summary>
    /// Null when <paramref name="name"/> in <paramref name="folder"/> is missing; otherwise whether it may be used
    /// and, when not, why. A symbolic link may be followed only to a regular file inside the folder, or (Hugging Face
    /// cache layout, snapshots/REV/name -> ../../blobs/HASH) inside the cache's blobs folder.
    /// </summary>
    public static (bool Usable, string? Problem)? Inspect(string folder, string name)
    {
        string path = Path.Combine(folder, name);
        var info = new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null) return null;
        if (info.LinkTarget != null)
        {
            string target = PhysicalPaths.Resolve(path);
            string home = PhysicalPaths.Resolve(folder);
            bool inside = PhysicalPaths.IsSameOrInside(target, home)
                || (Path.GetFileName(Path.GetDirectoryName(home)) == "snapshots"
                    && PhysicalPaths.IsSameOrInside(target, Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(home)!)!, "blobs")));
            if (!inside) return (false, $"{path}: a symbolic link to {target}, outside the model folder; not used.");
        }
        if (!RegularFiles.IsRegularWithData(path))
            return (false, $"{path}: empty, or not a regular file (a FIFO, socket or device); not used.");
        return (true, null);
    }

    /// <summary>True when <paramref name="folder"/> looks like a model folder a tokenizer can come from.</summary>
    public static string? WhyNotATokenizerSource(string folder)
    {
        if (!Directory.Exists(folder)) return "folder not found";
        if (Inspect(folder, "config.json") is not { Usable: true })
            return "not a model folder (no usable config.json)";
        if (!TokenizerFiles.Any(name => Inspect(folder, name) is { Usable: true }))
            return $"holds no tokenizer files ({string.Join(", ", TokenizerFiles.Take(4))}, ...)";
        return null;
    }
}
