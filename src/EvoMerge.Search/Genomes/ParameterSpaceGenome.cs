using EvoMerge.Core.Optimization;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Planning;
using EvoMerge.Search.Config;

namespace EvoMerge.Search.Genomes;

/// <summary>
/// mergekit-evolve's per-layer genome, generalised (reference §2): genes for every layer group x expert x
/// (filters + default) x searched per-model parameter, then per group x (filters + default) for searched
/// global parameters (slerp's t), then the non-layer tensors (embeddings, final norm, head) per expert and
/// parameter. With a method list, a categorical method gene comes first (or first in each group with
/// <c>method_per_group</c>), and a parameter gene acts only where the chosen method takes that parameter. <see cref="Decode"/> turns a gene vector into a mergekit config with one slice per group,
/// which the merge kernel runs in memory and <c>./run.sh merge</c> reproduces from the exported YAML.
/// </summary>
public sealed partial class ParameterSpaceGenome
{
    readonly SearchConfig _config;
    // Every method a candidate may use, in config order (one unless merge.method is a list).
    readonly IReadOnlyList<IMergeMethod> _methods;

    ParameterSpaceGenome(SearchConfig config, TensorLayout layout, IReadOnlyList<GeneInfo> genes, IReadOnlyList<LayerGroup> groups,
                         IReadOnlyList<string> preTensors, IReadOnlyList<string> postTensors)
    {
        _config = config;
        _methods = config.Merge.Methods.Select(MergeMethodRegistry.Get).ToList();
        Layout = layout;
        Genes = genes;
        Groups = groups;
        PreTensors = preTensors;
        PostTensors = postTensors;
        Bounds = new Bounds(genes.Select(g => g.Min).ToArray(), genes.Select(g => g.Max).ToArray());
    }

    public IReadOnlyList<GeneInfo> Genes { get; }

    public IReadOnlyList<string> GeneNames => Genes.Select(g => g.Name).ToList();

    public int Dimension => Genes.Count;

    /// <summary>The methods candidates choose from (one when the method is fixed), in config order.</summary>
    public IReadOnlyList<string> MethodNames => _config.Merge.Methods;

    /// <summary>Indices of the method genes (none when the method is fixed; one, or one per layer group).</summary>
    public IReadOnlyList<int> MethodGenes => Enumerable.Range(0, Dimension).Where(i => Genes[i].IsMethod).ToList();

    public Bounds Bounds { get; }

    public TensorLayout Layout { get; }

    public IReadOnlyList<LayerGroup> Groups { get; }

    /// <summary>Non-layer tensors before the layers (embeddings) and after them (final norm, head).</summary>
    public IReadOnlyList<string> PreTensors { get; }

    public IReadOnlyList<string> PostTensors { get; }

    /// <summary>
    /// Builds the genome from the models' headers (no weights read). Problems (irregular layers, differing
    /// layer counts, name clashes) are added to <paramref name="problems"/> and null returned.
    /// </summary>
    public static ParameterSpaceGenome? Build(SearchConfig config, IReadOnlyDictionary<string, ModelCheckpoint> models, List<string> problems)
    {
        var first = models[config.Models.Experts[0].Path];
        var layout = first.Layout;
        if (layout.Problem is { } irregular) { problems.Add($"{first.Path}: {irregular}"); return null; }
        if (layout.LayerCount == 0) { problems.Add($"{first.Path}: no numbered layers found (tensor names like 'model.layers.0.…'), so there is nothing per layer to search."); return null; }
        foreach (var source in AllModels(config))
            if (models[source.Path].Layout.LayerCount != layout.LayerCount)
                problems.Add($"models: {source.Name} has {models[source.Path].Layout.LayerCount} layers, {config.Models.Experts[0].Name} has {layout.LayerCount}; per-layer genomes need equal layer counts.");
        if (config.Genome.LayerGranularity > layout.LayerCount)
            problems.Add($"genome.layer_granularity: {config.Genome.LayerGranularity} exceeds the {layout.LayerCount} layers of the models.");
        if (problems.Count > 0) return null;

        var groups = LayerGroup.Split(layout.LayerCount, config.Genome.LayerGranularity);
        var genes = GeneListBuilder.Build(config, groups, layout);
        CheckNonLayerNames(config, layout, problems);
        FilterCheck.Check(config.Genome.Filters, layout, problems);
        return problems.Count > 0 ? null : new ParameterSpaceGenome(config, layout, genes, groups, layout.PreTensors, layout.PostTensors);
    }

    static IEnumerable<ModelSource> AllModels(SearchConfig config) =>
        config.Models.Base is null ? config.Models.Experts : [config.Models.Base, .. config.Models.Experts];

    /// <summary>
    /// Non-layer genes reach their tensors through mergekit filters (substring matches) on the first and
    /// last slice; a non-layer name inside a layer tensor name would leak into that layer, so it is refused.
    /// </summary>
    static void CheckNonLayerNames(SearchConfig config, TensorLayout layout, List<string> problems)
    {
        if (!config.Genome.NonLayerGenes) return;
        foreach (var name in layout.PreTensors.Concat(layout.PostTensors))
            foreach (var suffix in layout.LayerSuffixes)
            {
                string layerTensor = layout.LayerTensorName(0, suffix);
                if (layerTensor.Contains(name, StringComparison.Ordinal))
                {
                    problems.Add($"genome.non_layer_genes: tensor '{name}' is part of layer tensor names like '{layerTensor}', so it cannot get genes of its own; set non_layer_genes: false.");
                    return;
                }
            }
    }
}
