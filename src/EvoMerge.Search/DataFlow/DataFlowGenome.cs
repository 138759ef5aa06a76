using System.Globalization;
using EvoMerge.Core.Optimization;
using EvoMerge.Models.Llama;

namespace EvoMerge.Search.DataFlow;

/// <summary>
/// Sakana's data-flow-space genome (reference §2). The layers of all sources are laid out in one sequence
/// of <see cref="TotalLayers"/> (source 0's layers first; a layer's place in it is its global number) and
/// repeated <see cref="Repeats"/> times: <see cref="Slots"/> = T = L_total x r slots, slot t holding global
/// layer t mod L_total. Genes, in order:
/// <list type="bullet">
/// <item><c>slot_TTT.on</c> (T of them): slot t is on the path iff the gene is &gt; 0; bounds [-1, 1].</item>
/// <item><c>scale_III_JJJ</c> (L_total x L_total, row-major, gene T + i L_total + j): W[i, j], the factor
/// the hidden state is multiplied by before global layer j when it follows global layer i; bounds
/// [<see cref="ScaleMin"/>, <see cref="ScaleMax"/>]. The first hop's scale is always 1 (no W entry).</item>
/// </list>
/// Numbers are zero-padded to at least three digits so the CSV columns sort in gene order.
/// An all-off indicator vector decodes to the empty path (embeddings straight to the final norm and
/// head): a legal, weak candidate that is cheap to evaluate, so the optimizer learns to avoid it
/// without a special case. With <see cref="MaxPathLength"/>, only the first that many hops are kept.
/// </summary>
public sealed class DataFlowGenome
{
    /// <summary>The value of an on (off) indicator in <see cref="Start"/>: inside the box, half-way to its edge.</summary>
    public const double StartOn = 0.5;

    public const double StartOff = -0.5;

    readonly int[] _layerCounts;
    readonly int[] _firstGlobal;

    public DataFlowGenome(IReadOnlyList<int> sourceLayerCounts, int repeats = 3, double scaleMin = 0, double scaleMax = 2, int? maxPathLength = null)
    {
        ArgumentNullException.ThrowIfNull(sourceLayerCounts);
        if (sourceLayerCounts.Count == 0)
            throw new ArgumentException("A data-flow genome needs at least one source model.", nameof(sourceLayerCounts));
        for (int source = 0; source < sourceLayerCounts.Count; source++)
            if (sourceLayerCounts[source] <= 0)
                throw new ArgumentException($"Source {source} has {sourceLayerCounts[source]} layers; every source needs at least one.", nameof(sourceLayerCounts));
        if (repeats <= 0)
            throw new ArgumentException($"The repeat count r must be positive, got {repeats}.", nameof(repeats));
        if (!double.IsFinite(scaleMin) || !double.IsFinite(scaleMax) || !(scaleMin <= 1 && 1 <= scaleMax && scaleMin < scaleMax))
            throw new ArgumentException($"Scale bounds [{scaleMin}, {scaleMax}] must be finite, ordered and contain 1 (the start's scale).");
        if (maxPathLength is int max && max <= 0)
            throw new ArgumentException($"The maximum path length must be positive, got {max}.", nameof(maxPathLength));

        _layerCounts = sourceLayerCounts.ToArray();
        _firstGlobal = new int[_layerCounts.Length];
        for (int source = 1; source < _layerCounts.Length; source++)
            _firstGlobal[source] = _firstGlobal[source - 1] + _layerCounts[source - 1];
        TotalLayers = _layerCounts.Sum();
        Repeats = repeats;
        Slots = checked(TotalLayers * repeats);
        Dimension = checked(Slots + TotalLayers * TotalLayers);
        ScaleMin = scaleMin;
        ScaleMax = scaleMax;
        MaxPathLength = maxPathLength;
        GeneNames = BuildNames();
        Bounds = BuildBounds();
    }

    /// <summary>A genome over the layers of the given models, in order.</summary>
    public static DataFlowGenome ForModels(IReadOnlyList<LlamaModel> sources, int repeats = 3, double scaleMin = 0, double scaleMax = 2, int? maxPathLength = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return new DataFlowGenome(sources.Select(s => s.Layers.Count).ToList(), repeats, scaleMin, scaleMax, maxPathLength);
    }

    public IReadOnlyList<int> SourceLayerCounts => _layerCounts;

    /// <summary>L_total: the layers of all sources together.</summary>
    public int TotalLayers { get; }

    /// <summary>r: how often the layer sequence is repeated.</summary>
    public int Repeats { get; }

    /// <summary>T = L_total x r: the number of indicator genes.</summary>
    public int Slots { get; }

    public int Dimension { get; }
    public double ScaleMin { get; }
    public double ScaleMax { get; }
    public int? MaxPathLength { get; }
    public IReadOnlyList<string> GeneNames { get; }
    public Bounds Bounds { get; }

    /// <summary>The global layer that slot <paramref name="slot"/> holds: slot mod L_total.</summary>
    public int SlotLayer(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Slots);
        return slot % TotalLayers;
    }

    /// <summary>The gene index of W[from, to].</summary>
    public int ScaleGene(int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, TotalLayers);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(to, TotalLayers);
        return Slots + from * TotalLayers + to;
    }

    /// <summary>Global number of layer <paramref name="layer"/> of source <paramref name="source"/>.</summary>
    public int GlobalLayer(int source, int layer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(source);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(source, _layerCounts.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, _layerCounts[source]);
        return _firstGlobal[source] + layer;
    }

    /// <summary>The source and its own layer index behind a global layer number.</summary>
    public (int Source, int Layer) Locate(int globalLayer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(globalLayer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(globalLayer, TotalLayers);
        int source = _layerCounts.Length - 1;
        while (_firstGlobal[source] > globalLayer)
            source--;
        return (source, globalLayer - _firstGlobal[source]);
    }

    /// <summary>
    /// The start point: source <paramref name="source"/>'s layers in order (its slots in the first repeat
    /// on at <see cref="StartOn"/>, every other slot off at <see cref="StartOff"/>) and every scale 1, so it
    /// decodes to exactly that source's plain forward pass.
    /// </summary>
    public double[] Start(int source = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(source);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(source, _layerCounts.Length);
        var genes = new double[Dimension];
        Array.Fill(genes, StartOff, 0, Slots);
        Array.Fill(genes, StartOn, _firstGlobal[source], _layerCounts[source]);
        Array.Fill(genes, 1.0, Slots, Dimension - Slots);
        return genes;
    }

    /// <summary>The layer path (global layer numbers) and per-hop scales the genes describe.</summary>
    public LayerPath Decode(ReadOnlySpan<double> genes)
    {
        if (genes.Length != Dimension)
            throw new ArgumentException($"A data-flow genome over {TotalLayers} layers x {Repeats} repeats has {Dimension} genes, got {genes.Length}.");
        var layers = new List<int>();
        var scales = new List<float>();
        int limit = MaxPathLength ?? int.MaxValue;
        for (int slot = 0; slot < Slots && layers.Count < limit; slot++)
        {
            double indicator = genes[slot];
            if (double.IsNaN(indicator))
                throw new ArgumentException($"Gene {GeneNames[slot]} is NaN.");
            if (indicator <= 0)
                continue;
            int layer = slot % TotalLayers;
            scales.Add(layers.Count == 0 ? 1f : Scale(genes, layers[^1], layer));
            layers.Add(layer);
        }

        return new LayerPath(layers.ToArray(), scales.ToArray());
    }

    float Scale(ReadOnlySpan<double> genes, int from, int to)
    {
        int gene = ScaleGene(from, to);
        double value = genes[gene];
        if (!double.IsFinite(value))
            throw new ArgumentException($"Gene {GeneNames[gene]} is {value}; scales must be finite.");
        return (float)value;
    }

    IReadOnlyList<string> BuildNames()
    {
        string slotFormat = "D" + Math.Max(3, Digits(Slots - 1));
        string layerFormat = "D" + Math.Max(3, Digits(TotalLayers - 1));
        var names = new List<string>(Dimension);
        for (int slot = 0; slot < Slots; slot++)
            names.Add($"slot_{slot.ToString(slotFormat, CultureInfo.InvariantCulture)}.on");
        for (int from = 0; from < TotalLayers; from++)
            for (int to = 0; to < TotalLayers; to++)
                names.Add($"scale_{from.ToString(layerFormat, CultureInfo.InvariantCulture)}_{to.ToString(layerFormat, CultureInfo.InvariantCulture)}");
        return names;
    }

    Bounds BuildBounds()
    {
        var lower = new double[Dimension];
        var upper = new double[Dimension];
        Array.Fill(lower, -1.0, 0, Slots);
        Array.Fill(upper, 1.0, 0, Slots);
        Array.Fill(lower, ScaleMin, Slots, Dimension - Slots);
        Array.Fill(upper, ScaleMax, Slots, Dimension - Slots);
        return new Bounds(lower, upper);
    }

    static int Digits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
