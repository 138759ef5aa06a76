using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary>
/// <c>models: {base: PATH, experts: [PATH | {name, path}]}</c>. A model's name (used in gene names)
/// defaults to its folder name (the name part of an org/name Hugging Face id found in the local cache); names must be unique and free of dots (gene names are dotted).
/// </summary>
internal static class ModelsSection
{
    public static ModelsSpec? Read(YamlFields f, PathResolver paths, YamlMappingNode root)
    {
        var map = f.Mapping(root, "models", "", required: true);
        if (map is null) return null;
        f.RejectUnknown(map, "models", ["base", "experts"]);
        ModelSource? baseModel = null;
        if (YamlFields.Get(map, "base") is { } baseNode)
            baseModel = Source(f, paths, baseNode, "models.base", "base");

        var experts = new List<ModelSource>();
        var list = f.Sequence(map, "experts", "models", required: true);
        for (int i = 0; i < (list?.Children.Count ?? 0); i++)
            if (Source(f, paths, list!.Children[i], $"models.experts[{i}]", null) is { } source) experts.Add(source);
        if (list is not null && experts.Count == 0) f.Problems.Add("models.experts: list at least one expert model.");

        var all = (baseModel is null ? experts : [baseModel, .. experts]).ToList();
        foreach (var dup in all.GroupBy(m => m.Name).Where(g => g.Count() > 1))
            f.Problems.Add($"models: the name '{dup.Key}' is used by {dup.Count()} models; give them distinct names (name: ...).");
        foreach (var dup in all.GroupBy(m => m.Path).Where(g => g.Count() > 1))
            f.Problems.Add($"models: {dup.Key} is listed {dup.Count()} times.");
        return new ModelsSpec(baseModel, experts);
    }

    static ModelSource? Source(YamlFields f, PathResolver paths, YamlNode node, string field, string? defaultName)
    {
        string? path, name = null;
        if (node is YamlScalarNode { Value: { Length: > 0 } text }) path = text;
        else if (node is YamlMappingNode m)
        {
            f.RejectUnknown(m, field, ["name", "path"]);
            path = f.String(m, "path", field, required: true);
            name = f.String(m, "name", field);
        }
        else
        {
            f.Problems.Add($"{field}: expected a path or {{name, path}}.");
            return null;
        }
        if (path is null) return null;
        string full = paths.ExistingModel(path, field, out string? hubName)!;
        name ??= defaultName ?? hubName ?? DefaultName(full);
        if (name.Length == 0 || name.Contains('.') || name.Any(char.IsWhiteSpace) || name.Contains(','))
            f.Problems.Add($"{field}.name: '{name}' appears in gene names: use no dots, commas or spaces (set name: ...).");
        return new ModelSource(name, full);
    }

    /// <summary>The folder name (or the file name without extension for a single .safetensors file).</summary>
    static string DefaultName(string fullPath) =>
        File.Exists(fullPath) ? Path.GetFileName(Path.GetDirectoryName(fullPath)!) : Path.GetFileName(fullPath.TrimEnd('/'));
}
