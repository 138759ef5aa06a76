using EvoMerge.Search.Config;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Spaces.DataFlow;

/// <summary>
/// <c>genome: {kind: data_flow, repeats, scale_bounds, head, max_path_length, include_merge}</c> (Sakana's DFS,
/// docs/algorithms.md): a layer path over all experts' layers repeated <c>repeats</c> times, with input scales in
/// <c>scale_bounds</c>; the merge section is not used, except by <c>include_merge</c> (PS+DFS), whose recipe is
/// merged at start and joins the sources as "merge".
/// </summary>
internal static class DataFlowSection
{
    public static readonly string[] Fields = ["repeats", "scale_bounds", "head", "max_path_length", "include_merge"];

    public static GenomeSpec Read(YamlFields f, PathResolver paths, YamlMappingNode map)
    {
        int repeats = (int)(f.Integer(map, "repeats", "genome", 1) ?? 3);
        var scale = new GeneRange(0, 2);
        if (YamlFields.Get(map, "scale_bounds") is { } node)
        {
            if (node is YamlSequenceNode { Children.Count: 2 } pair
                && f.Number(pair.Children[0], "genome.scale_bounds[0]") is double lo && f.Number(pair.Children[1], "genome.scale_bounds[1]") is double hi)
            {
                if (!(lo <= 1 && 1 <= hi && lo < hi)) f.Problems.Add($"genome.scale_bounds: [{lo}, {hi}] must contain 1 (the unscaled hop).");
                else scale = new GeneRange(lo, hi);
            }
            else f.Problems.Add("genome.scale_bounds: expected [min, max].");
        }
        return new GenomeSpec(DataFlowGenomeKind.KindName, 1, [], [], new Dictionary<string, GeneRange>(), false, false)
        {
            Repeats = repeats,
            ScaleBounds = scale,
            Head = f.String(map, "head", "genome"),
            MaxPathLength = (int?)f.Integer(map, "max_path_length", "genome", 1),
            IncludeMerge = paths.ExistingFile(f.String(map, "include_merge", "genome"), "genome.include_merge"),
        };
    }
}
