using EvoMerge.Merging.Planning;
using EvoMerge.Search.Config;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Yaml;
using TorchSharp;

namespace EvoMerge.Search.Spaces.ParameterSpace;

/// <summary>
/// <c>genome.kind: parameter_space</c> (the default): per-layer-group merge parameters, decoded to a mergekit
/// recipe and merged in memory (<see cref="ParameterSpaceSearch"/>). Fields: <see cref="ParameterSpaceSection"/>.
/// </summary>
public sealed class ParameterSpaceGenomeKind : GenomeKind
{
    public const string KindName = "parameter_space";

    public override string Name => KindName;

    public override GenomeKindCapabilities Capabilities { get; } = new(MergesParameters: true);

    public override IReadOnlyList<string> Fields => ParameterSpaceSection.Fields;

    internal override GenomeSpec? Read(GenomeReading reading) => ParameterSpaceSection.Read(reading.Fields, reading.Map, reading.Merge);

    public override IReadOnlyList<string> Write(GenomeSpec genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var lines = new List<string>
        {
            "layer_granularity: " + YamlText.Number(genome.LayerGranularity),
            "filters: [" + string.Join(", ", genome.Filters.Select(YamlText.Quote)) + "]",
            "search: [" + string.Join(", ", genome.Parameters) + "]",
            "bounds:",
        };
        foreach (var p in genome.Parameters)
            lines.Add($"  {p}: [{YamlText.Number(genome.Bounds[p].Min)}, {YamlText.Number(genome.Bounds[p].Max)}]");
        lines.Add("negative_weights: " + YamlText.Bool(genome.NegativeWeights));
        lines.Add("non_layer_genes: " + YamlText.Bool(genome.NonLayerGenes));
        // Only when set, so configs without a method gene keep their hash.
        if (genome.MethodPerGroup) lines.Add("method_per_group: true");
        return lines;
    }

    internal override void Check(GenomeChecking checking)
    {
        if (checking.Merge is not null && checking.Models is not null) MergeSection.CheckModels(checking.Merge, checking.Models, checking.Problems);
    }

    public override ISearchSpace Create(SearchConfig config, torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var models = config.Models.Base is null ? config.Models.Experts : [config.Models.Base, .. config.Models.Experts];
        var headers = ModelCheckpoint.TryLoadAll(models.Select(m => m.Path), problems);
        if (problems.Count > 0) throw new SearchConfigException(config.Name, problems.Select(p => "models: " + p).ToList());
        var genome = ParameterSpaceGenome.Build(config, headers, problems);
        if (genome is null) throw new SearchConfigException(config.Name, problems);
        return new ParameterSpaceSearch(genome, headers, config.Seed, device);
    }
}
