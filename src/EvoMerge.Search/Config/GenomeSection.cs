using EvoMerge.Merging.Methods;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary>
/// <c>genome: {kind, layer_granularity, filters, search, bounds, negative_weights, non_layer_genes}</c>.
/// Searched parameters default to what the method takes per model (weight, and density where it
/// sparsifies; t for slerp). Bounds default to weight [0, 1] ([-1, 1] with negative weights),
/// density [0.1, 1] and t [0, 1]; any other searched parameter needs explicit bounds.
/// </summary>
internal static class GenomeSection
{
    static readonly string[] Fields =
        ["kind", "layer_granularity", "filters", "search", "bounds", "negative_weights", "non_layer_genes",
         "repeats", "scale_bounds", "head", "max_path_length", "include_merge"];
    static readonly string[] DataFlowFields = ["repeats", "scale_bounds", "head", "max_path_length", "include_merge"];

    public static GenomeSpec? Read(YamlFields f, PathResolver paths, YamlMappingNode root, MergeSpec? merge)
    {
        var map = f.Mapping(root, "genome", "", required: false) ?? new YamlMappingNode();
        f.RejectUnknown(map, "genome", Fields);
        string kind = f.String(map, "kind", "genome") ?? "parameter_space";
        if (kind == "data_flow") return DataFlow(f, paths, map);
        if (kind != "parameter_space")
            f.Problems.Add($"genome.kind: '{kind}' is not supported by search runs; use parameter_space or data_flow (flat parameter vectors run in `experiment m2n2-digits`).");
        foreach (var key in DataFlowFields.Where(k => YamlFields.Get(map, k) is not null))
            f.Problems.Add($"genome.{key}: only for kind: data_flow.");
        int granularity = (int)(f.Integer(map, "layer_granularity", "genome", 1) ?? 1);
        var filters = f.Strings(map, "filters", "genome");
        foreach (var dup in filters.GroupBy(x => x).Where(g => g.Count() > 1))
            f.Problems.Add($"genome.filters: '{dup.Key}' is listed twice.");
        foreach (var filter in filters.Where(x => x.Contains(',') || x.Any(char.IsWhiteSpace)))
            f.Problems.Add($"genome.filters: '{filter}' appears in gene names; use no commas or spaces.");
        bool negative = f.Bool(map, "negative_weights", "genome") ?? false;
        bool nonLayer = f.Bool(map, "non_layer_genes", "genome") ?? true;
        if (merge is null) return null;

        var method = MergeMethodRegistry.Get(merge.Method);
        var known = method.ModelParameters.Concat(method.GlobalParameters).ToDictionary(p => p.Name);
        var searched = f.Strings(map, "search", "genome").ToList();
        if (YamlFields.Get(map, "search") is null) searched = DefaultSearched(method);
        if (searched.Count == 0)
            f.Problems.Add($"genome.search: method '{merge.Method}' has no parameter to search by default; list them (valid: {string.Join(", ", known.Keys)}).");
        foreach (var name in searched)
        {
            if (!known.TryGetValue(name, out var spec))
                f.Problems.Add($"genome.search: '{name}' is not a parameter of '{merge.Method}'; valid: {string.Join(", ", known.Keys)}.");
            else if (spec.Kind == ParameterKind.Boolean)
                f.Problems.Add($"genome.search: '{name}' is a flag; set it under merge.parameters instead.");
            else if (merge.Parameters.ContainsKey(name))
                f.Problems.Add($"genome.search: '{name}' is also fixed under merge.parameters; keep one.");
        }
        foreach (var dup in searched.GroupBy(x => x).Where(g => g.Count() > 1))
            f.Problems.Add($"genome.search: '{dup.Key}' is listed twice.");

        var bounds = ReadBounds(f, map, searched, known, negative);
        return new GenomeSpec(GenomeKind.ParameterSpace, granularity, filters, searched, bounds, negative, nonLayer);
    }

    /// <summary>
    /// <c>kind: data_flow</c> (reference §2, Sakana's DFS): a layer path over all experts' layers repeated
    /// <c>repeats</c> times, with input scales in <c>scale_bounds</c>; the merge section is not used, except by
    /// <c>include_merge</c> (PS+DFS), whose recipe is merged at start and joins the sources as "merge".
    /// </summary>
    static GenomeSpec DataFlow(YamlFields f, PathResolver paths, YamlMappingNode map)
    {
        foreach (var key in new[] { "layer_granularity", "filters", "search", "bounds", "negative_weights", "non_layer_genes" })
            if (YamlFields.Get(map, key) is not null) f.Problems.Add($"genome.{key}: not used by kind: data_flow.");
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
        return new GenomeSpec(GenomeKind.DataFlow, 1, [], [], new Dictionary<string, GeneRange>(), false, false)
        {
            Repeats = repeats,
            ScaleBounds = scale,
            Head = f.String(map, "head", "genome"),
            MaxPathLength = (int?)f.Integer(map, "max_path_length", "genome", 1),
            IncludeMerge = paths.ExistingFile(f.String(map, "include_merge", "genome"), "genome.include_merge"),
        };
    }

    static List<string> DefaultSearched(IMergeMethod method)
    {
        var names = method.ModelParameters.Select(p => p.Name).ToHashSet();
        var searched = new List<string>();
        if (names.Contains("weight")) searched.Add("weight");
        // Plain task arithmetic accepts a density (mergekit's shared code path) but does not sparsify by default.
        if (names.Contains("density") && method.Name != "task_arithmetic") searched.Add("density");
        if (method.GlobalParameters.Any(p => p.Name == "t")) searched.Add("t");
        return searched;
    }

    static Dictionary<string, GeneRange> ReadBounds(YamlFields f, YamlMappingNode map, List<string> searched,
                                                   Dictionary<string, ParameterSpec> known, bool negative)
    {
        var given = new Dictionary<string, GeneRange>();
        if (f.Mapping(map, "bounds", "genome", required: false) is { } bmap)
        {
            foreach (var (keyNode, valueNode) in bmap.Children)
            {
                string key = ((YamlScalarNode)keyNode).Value ?? "";
                string field = $"genome.bounds.{key}";
                if (!searched.Contains(key)) { f.Problems.Add($"{field}: '{key}' is not searched (genome.search: {string.Join(", ", searched)})."); continue; }
                if (valueNode is not YamlSequenceNode { Children.Count: 2 } pair) { f.Problems.Add($"{field}: expected [min, max]."); continue; }
                double? lo = f.Number(pair.Children[0], field + "[0]"), hi = f.Number(pair.Children[1], field + "[1]");
                if (lo is null || hi is null) continue;
                if (!(lo < hi)) { f.Problems.Add($"{field}: min {lo} must be below max {hi}."); continue; }
                given[key] = new GeneRange(lo.Value, hi.Value);
            }
        }

        var bounds = new Dictionary<string, GeneRange>();
        foreach (var name in searched.Where(known.ContainsKey))
        {
            GeneRange? range = given.GetValueOrDefault(name) ?? name switch
            {
                "weight" => negative ? new GeneRange(-1, 1) : new GeneRange(0, 1),
                "density" => new GeneRange(0.1, 1),
                "t" => new GeneRange(0, 1),
                _ => null,
            };
            if (range is null) { f.Problems.Add($"genome.bounds.{name}: required for searched parameter '{name}' (no default box)."); continue; }
            if (name == "weight" && !negative && range.Min < 0)
                f.Problems.Add($"genome.bounds.weight: min {range.Min} is negative; set genome.negative_weights: true to allow negative weights.");
            else if (name != "weight")
                foreach (double end in new[] { range.Min, range.Max })
                    if (known[name].Check(end) is { } problem) f.Problems.Add($"genome.bounds.{name}: {problem}.");
            bounds[name] = range;
        }
        return bounds;
    }
}
