using EvoMerge.Models.Llama;

namespace EvoMerge.Search.DataFlow;

/// <summary>
/// The models a data-flow merge draws layers from, laid out in one global layer sequence (source 0's
/// layers first), and the designated head model whose embeddings, final norm and LM head every path
/// uses (by default the first source). Layers must be compatible with the head (checked here, once).
/// <see cref="View"/> builds a model for a path without copying weights.
/// </summary>
public sealed class DataFlowSources
{
    readonly IReadOnlyList<IReadOnlyList<LlamaDecoderLayer>> _layers;

    public DataFlowSources(IReadOnlyList<DataFlowSource> sources, int headIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
            throw new ArgumentException("A data-flow merge needs at least one source model.", nameof(sources));
        for (int i = 0; i < sources.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(sources[i], $"sources[{i}]");
            if (sources[i].Model.Layers.Count == 0)
                throw new ArgumentException($"Source '{sources[i].Name}' has no decoder layers.", nameof(sources));
        }

        var duplicate = sources.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Source names must be distinct; '{duplicate.Key}' appears {duplicate.Count()} times.", nameof(sources));
        if (headIndex < 0 || headIndex >= sources.Count)
            throw new ArgumentOutOfRangeException(nameof(headIndex), $"The head model index {headIndex} is not one of the {sources.Count} sources.");

        Sources = sources.ToList();
        HeadIndex = headIndex;
        _layers = Sources.Select(s => s.Model.Layers).ToList();
        LayerCounts = _layers.Select(l => l.Count).ToList();
        TotalLayers = LayerCounts.Sum();
        // An empty path checks every layer against the head model (geometry, rotary settings, dtype, device).
        _ = new LayerPathModel(Head, _layers, new LayerPath([], []));
    }

    /// <summary>Sources given as bare models, named source_0, source_1, ... (no folders).</summary>
    public static DataFlowSources FromModels(IReadOnlyList<LlamaModel> models, int headIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(models);
        return new DataFlowSources(models.Select((m, i) => new DataFlowSource($"source_{i}", m)).ToList(), headIndex);
    }

    public IReadOnlyList<DataFlowSource> Sources { get; }
    public int HeadIndex { get; }
    public LlamaModel Head => Sources[HeadIndex].Model;
    public IReadOnlyList<int> LayerCounts { get; }

    /// <summary>L_total: the layers of all sources together.</summary>
    public int TotalLayers { get; }

    /// <summary>The source and its own layer index behind a global layer number.</summary>
    public (int Source, int Layer) Locate(int globalLayer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(globalLayer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(globalLayer, TotalLayers);
        int source = 0;
        while (globalLayer >= LayerCounts[source])
            globalLayer -= LayerCounts[source++];
        return (source, globalLayer);
    }

    /// <summary>A genome over these sources' layers.</summary>
    public DataFlowGenome CreateGenome(int repeats = 3, double scaleMin = 0, double scaleMax = 2, int? maxPathLength = null) =>
        new(LayerCounts, repeats, scaleMin, scaleMax, maxPathLength);

    /// <summary>
    /// The path as a model: the head's embeddings, the path's layers (references to the sources'
    /// weights, no copies) and the head's final norm and LM head. It lives as long as the sources do.
    /// </summary>
    public LayerPathModel View(LayerPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new LayerPathModel(Head, _layers, path);
    }
}
