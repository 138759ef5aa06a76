using EvoMerge.Merging.Methods;
using EvoMerge.Search.Config;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Spaces.ParameterSpace;

/// <summary>
/// <c>genome: {kind: parameter_space, layer_granularity, filters, search, bounds, negative_weights, non_layer_genes, method_per_group}</c>.
/// Searched parameters default to those of weight, density and t that the method (or, with a method list, any listed method) can vary (see
/// <see cref="SearchableParameters"/>; task_arithmetic's density changes nothing, so it is not one). Bounds default to weight [0, 1] ([-1, 1] with negative weights),
/// density [0.1, 1] and t [0, 1]; any other searched parameter needs explicit bounds.
/// </summary>
internal static class ParameterSpaceSection
{
    public static readonly string[] Fields =
        ["layer_granularity", "filters", "search", "bounds", "negative_weights", "non_layer_genes", "method_per_group"];

    public static GenomeSpec? Read(YamlFields f, YamlMappingNode map, MergeSpec? merge)
    {
        int granularity = (int)(f.Integer(map, "layer_granularity", "genome", 1) ?? 1);
        var filters = f.Strings(map, "filters", "genome");
        foreach (var dup in filters.GroupBy(x => x).Where(g => g.Count() > 1))
            f.Problems.Add($"genome.filters: '{dup.Key}' is listed twice.");
        foreach (var filter in filters.Where(x => x.Contains(',') || x.Any(char.IsWhiteSpace)))
            f.Problems.Add($"genome.filters: '{filter}' appears in gene names; use no commas or spaces.");
        foreach (var clash in filters.Distinct().GroupBy(FilterLabels.Of).Where(g => g.Key.Length > 0 && g.Count() > 1))
            f.Problems.Add($"genome.filters: {string.Join(" and ", clash.Select(x => $"'{x}'"))} give the same gene names ('{clash.Key}', without the dots at the ends); keep one.");
        foreach (var filter in filters.Where(x => FilterLabels.Of(x).Length == 0))
            f.Problems.Add($"genome.filters: '{filter}' has nothing but dots; name a part of the tensor names (e.g. experts, block_sparse_moe.gate).");
        bool negative = f.Bool(map, "negative_weights", "genome") ?? false;
        bool nonLayer = f.Bool(map, "non_layer_genes", "genome") ?? true;
        if (merge is null) return null;

        var methods = merge.Methods.Select(MergeMethodRegistry.Get).ToList();
        string methodText = string.Join(" or ", merge.Methods);
        var known = methods.SelectMany(SearchableParameters.All).Select(p => p.Name).ToHashSet();
        string takes = string.Join(", ", SearchableParameters.Of(methods).Select(p => p.Name));
        bool listed = YamlFields.Get(map, "search") is not null;
        var searched = listed ? f.Strings(map, "search", "genome").ToList() : DefaultSearched(methods);
        // With a method list the method gene alone is a search; a fixed method needs something to vary.
        if (searched.Count == 0 && (listed || !merge.SearchesMethod))
            f.Problems.Add(listed
                ? $"genome.search: empty; list what to search (valid for {methodText}: {takes})."
                : $"genome.search: method '{merge.Method}' has no parameter to search by default; list them with their genome.bounds (valid: {takes}).");
        for (int i = 0; i < searched.Count; i++)
        {
            string name = searched[i];
            string field = listed ? $"genome.search[{i}]" : "genome.search";
            if (!known.Contains(name))
                f.Problems.Add($"{field}: '{name}' is not a parameter of {methodText}; {(methods.Count > 1 ? "they take" : "it takes")}: {takes}.");
            else if (SearchableParameters.WhyNot(methods, name) is { } reason)
                f.Problems.Add($"{field}: '{name}' {reason} (searchable for {methodText}: {takes}).");
            else if (SearchableParameters.ScopeConflict(methods, name) is { } conflict)
                f.Problems.Add($"{field}: '{name}' {conflict}; one gene cannot stand for both, so drop one of those methods from merge.method.");
            else if (merge.Parameters.ContainsKey(name))
                f.Problems.Add($"{field}: '{name}' is also fixed under merge.parameters; keep one.");
        }
        foreach (var dup in searched.GroupBy(x => x).Where(g => g.Count() > 1))
            f.Problems.Add($"genome.search: '{dup.Key}' is listed twice.");
        bool perGroup = f.Bool(map, "method_per_group", "genome") ?? false;
        if (perGroup && !merge.SearchesMethod)
            f.Problems.Add($"genome.method_per_group: needs a list of methods under merge.method to choose from per layer group (got the single method '{merge.Method}').");

        // Bounds only for the entries that can be genes: a refused entry already has its message.
        var bounds = ReadBounds(f, map, searched, SearchableParameters.Of(methods).ToDictionary(p => p.Name), negative);
        return new GenomeSpec(ParameterSpaceGenomeKind.KindName, granularity, filters, searched, bounds, negative, nonLayer) { MethodPerGroup = perGroup };
    }

    static List<string> DefaultSearched(IReadOnlyList<IMergeMethod> methods)
    {
        // Only the parameters with a default box that some method varies: any other searched parameter needs bounds the user chooses.
        var names = SearchableParameters.Of(methods).Select(p => p.Name).ToHashSet();
        return new[] { "weight", "density", "t" }.Where(names.Contains).ToList();
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
