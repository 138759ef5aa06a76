using EvoMerge.Search.Config;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Yaml;
using TorchSharp;

namespace EvoMerge.Search.Spaces.DataFlow;

/// <summary>
/// <c>genome.kind: data_flow</c>: layer paths with input scales over Llama-family experts, run as a view over
/// the loaded models (<see cref="DataFlowSearch"/>). Fields: <see cref="DataFlowSection"/>.
/// </summary>
public sealed class DataFlowGenomeKind : GenomeKind
{
    public const string KindName = "data_flow";

    public override string Name => KindName;

    // Candidates are layer paths, not merge recipes (include_merge brings its own recipe).
    public override GenomeKindCapabilities Capabilities { get; } = new(MergesParameters: false);

    public override IReadOnlyList<string> Fields => DataFlowSection.Fields;

    internal override GenomeSpec? Read(GenomeReading reading) => DataFlowSection.Read(reading.Fields, reading.Paths, reading.Map);

    public override IReadOnlyList<string> Write(GenomeSpec genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var lines = new List<string>
        {
            "repeats: " + YamlText.Number(genome.Repeats),
            $"scale_bounds: [{YamlText.Number(genome.ScaleBounds.Min)}, {YamlText.Number(genome.ScaleBounds.Max)}]",
        };
        if (genome.Head is not null) lines.Add("head: " + YamlText.Quote(genome.Head));
        if (genome.MaxPathLength is int max) lines.Add("max_path_length: " + YamlText.Number(max));
        if (genome.IncludeMerge is not null) lines.Add("include_merge: " + YamlText.Quote(genome.IncludeMerge));
        return lines;
    }

    /// <summary>Data-flow candidates are layer paths over Llama-family models: only tasks that score a model view can score them.</summary>
    internal override void Check(GenomeChecking checking)
    {
        foreach (var task in checking.Tasks.Where(t => !t.Kind.Capabilities.ScoresModelView))
            checking.Problems.Add($"tasks.{task.Name}: data_flow genomes are scored by {TaskKindRegistry.NamesThat(k => k.ScoresModelView)} tasks (they run a model built from layers), not {task.Kind.Name}.");
        if (checking.Models is null || checking.Genome.Head is not { } head) return;
        var names = checking.Models.Experts.Select(e => e.Name).Concat(checking.Genome.IncludeMerge is null ? [] : [DataFlowSearch.MergeSourceName]).ToList();
        if (!names.Contains(head))
            checking.Problems.Add($"genome.head: '{head}' is not a source; valid: {string.Join(", ", names)}.");
    }

    public override ISearchSpace Create(SearchConfig config, torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        return DataFlowSearch.Load(config, device, problems) ?? throw new SearchConfigException(config.Name, problems);
    }
}
