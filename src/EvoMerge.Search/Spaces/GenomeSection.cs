using EvoMerge.Search.Config;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Spaces;

/// <summary>
/// <c>genome:</c>: its <c>kind</c> picks a <see cref="GenomeKind"/> (default: the registry's first), which reads
/// the rest. A field of another kind is refused naming the kinds it is for.
/// </summary>
internal static class GenomeSection
{
    /// <summary>
    /// Whether the config's genome kind merges parameters, so that it needs a <c>merge:</c> section (read before
    /// the genome, whose searched parameters depend on the method). An unknown kind counts as the default's.
    /// </summary>
    public static bool MergesParameters(YamlMappingNode root) =>
        (YamlFields.Get(root, "genome") is YamlMappingNode map && YamlFields.Get(map, "kind") is YamlScalarNode { Value: { } name }
            && GenomeKindRegistry.TryGet(name, out var kind) ? kind : GenomeKindRegistry.Default).Capabilities.MergesParameters;

    public static GenomeSpec? Read(YamlFields f, PathResolver paths, YamlMappingNode root, MergeSpec? merge)
    {
        var map = f.Mapping(root, "genome", "", required: false) ?? new YamlMappingNode();
        f.RejectUnknown(map, "genome", ["kind", .. GenomeKindRegistry.AllFields]);
        string name = f.String(map, "kind", "genome") ?? GenomeKindRegistry.Default.Name;
        if (!GenomeKindRegistry.TryGet(name, out var kind))
        {
            f.Problems.Add($"genome.kind: '{name}' is not supported by search runs; use {OneOf(GenomeKindRegistry.Names)} (flat parameter vectors run in `experiment m2n2-digits`).");
            kind = GenomeKindRegistry.Default; // its fields are still checked, so every problem shows at once
        }
        foreach (var key in GenomeKindRegistry.AllFields.Where(k => !kind.Fields.Contains(k) && YamlFields.Get(map, k) is not null))
        {
            var owners = GenomeKindRegistry.Kinds.Where(k => k.Fields.Contains(key)).Select(k => k.Name);
            f.Problems.Add($"genome.{key}: not used by kind: {kind.Name} (only by {OneOf(owners.ToList())}).");
        }
        return kind.Read(new GenomeReading(f, map, merge, paths));
    }

    static string OneOf(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
}
