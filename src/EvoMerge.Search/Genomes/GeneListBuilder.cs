using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Planning;
using EvoMerge.Search.Config;

namespace EvoMerge.Search.Genomes;

/// <summary>Lays out the genes of a <see cref="ParameterSpaceGenome"/> in their fixed order, with names per the conventions.</summary>
internal static class GeneListBuilder
{
    public static IReadOnlyList<GeneInfo> Build(SearchConfig config, IReadOnlyList<LayerGroup> groups, TensorLayout layout)
    {
        // With a method list, a parameter is per-model when the listed methods that take it take it per model
        // (GenomeSection refuses a name that is per-model for one and global for another).
        var methods = config.Merge.Methods.Select(MergeMethodRegistry.Get).ToList();
        var modelParams = config.Genome.Parameters.Where(p => methods.Any(m => m.ModelParameters.Any(s => s.Name == p))).ToList();
        var globalParams = config.Genome.Parameters.Where(p => !modelParams.Contains(p)).ToList();
        var filters = config.Genome.Filters.Select(f => (string?)f).Append(null).ToList();
        var genes = new List<GeneInfo>();

        GeneInfo Gene(string prefix, GeneScope scope, int group, string? model, string? filter, string parameter)
        {
            var range = config.Genome.Bounds[parameter];
            string? label = filter is null ? null : FilterLabels.Of(filter);
            string name = string.Join('.', new[] { prefix, model, label, parameter }.Where(s => s is not null));
            return new GeneInfo(name, scope, group, model, filter, parameter, range.Min, range.Max);
        }

        GeneInfo MethodGene(string name, GeneScope scope, int group) =>
            new(name, scope, group, null, null, GeneInfo.MethodParameter, 0, 1) { Categories = config.Merge.Methods };

        bool perGroup = config.Merge.SearchesMethod && config.Genome.MethodPerGroup;
        if (config.Merge.SearchesMethod && !perGroup) genes.Add(MethodGene(GeneInfo.MethodParameter, GeneScope.Merge, -1));
        foreach (var group in groups)
        {
            // First in its group, so M2N2's split points move a group's method with its parameters.
            if (perGroup) genes.Add(MethodGene($"{group.Label}.{GeneInfo.MethodParameter}", GeneScope.LayerGroup, group.Index));
            foreach (var expert in config.Models.Experts)
                foreach (var filter in filters)
                    foreach (var p in modelParams)
                        genes.Add(Gene(group.Label, GeneScope.LayerGroup, group.Index, expert.Name, filter, p));
            foreach (var filter in filters)
                foreach (var p in globalParams)
                    genes.Add(Gene(group.Label, GeneScope.LayerGroup, group.Index, null, filter, p));
        }

        if (config.Genome.NonLayerGenes)
        {
            foreach (var scope in NonLayerScopes(layout))
            {
                string prefix = scope.ToString().ToLowerInvariant();
                foreach (var expert in config.Models.Experts)
                    foreach (var p in modelParams)
                        genes.Add(Gene(prefix, scope, -1, expert.Name, null, p));
                foreach (var p in globalParams)
                    genes.Add(Gene(prefix, scope, -1, null, null, p));
            }
        }
        return genes;
    }

    /// <summary>Which kinds of non-layer tensors the checkpoint has, in gene order.</summary>
    public static IReadOnlyList<GeneScope> NonLayerScopes(TensorLayout layout)
    {
        var scopes = new List<GeneScope>();
        if (layout.PreTensors.Count > 0) scopes.Add(GeneScope.Embed);
        if (layout.PostTensors.Any(t => ScopeOf(t, pre: false) == GeneScope.Norm)) scopes.Add(GeneScope.Norm);
        if (layout.PostTensors.Any(t => ScopeOf(t, pre: false) == GeneScope.Head)) scopes.Add(GeneScope.Head);
        return scopes;
    }

    /// <summary>Embeddings come before the layers; after them, the head (lm_head, output, classifier...) or else a norm.</summary>
    public static GeneScope ScopeOf(string tensorName, bool pre) =>
        pre ? GeneScope.Embed
        : tensorName.Contains("head", StringComparison.OrdinalIgnoreCase) || tensorName.StartsWith("output.", StringComparison.Ordinal)
          || tensorName.Contains("classifier", StringComparison.OrdinalIgnoreCase) || tensorName.Contains("score", StringComparison.OrdinalIgnoreCase)
            ? GeneScope.Head
            : GeneScope.Norm;
}
