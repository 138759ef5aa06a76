using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// A view that runs a <see cref="LayerPath"/> over the layers of several sources without copying
/// weights: embeddings, rotary settings, final norm and head come from <see cref="Head"/>. A source
/// is any list of decoder layers (a model's <see cref="LlamaModel.Layers"/>, or a subset); all must
/// match the head's dtype, device and attention geometry. It owns nothing: the models behind the
/// layers must outlive it.
/// </summary>
public sealed class LayerPathModel : ICausalLm
{
    readonly IReadOnlyList<DecoderHop> _hops;

    public LayerPathModel(LlamaModel head, IReadOnlyList<IReadOnlyList<LlamaDecoderLayer>> sources, LayerPath path)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(path);
        head.ThrowIfDisposed();
        var layout = new List<LlamaDecoderLayer>();
        for (int source = 0; source < sources.Count; source++)
        {
            ArgumentNullException.ThrowIfNull(sources[source], $"sources[{source}]");
            foreach (var layer in sources[source])
            {
                CheckCompatible(head, layer, source);
                layout.Add(layer);
            }
        }

        for (int hop = 0; hop < path.Count; hop++)
        {
            if (path.Layers[hop] >= layout.Count)
                throw new ArgumentException($"Hop {hop}: layer {path.Layers[hop]} is out of range; the sources hold {layout.Count} layers in all.");
        }

        Head = head;
        Path = path;
        TotalLayers = layout.Count;
        _hops = path.Layers.Select((layer, hop) => new DecoderHop(layout[layer], path.Scales[hop])).ToList();
    }

    /// <summary>Sources given as whole models, laid out in order.</summary>
    public static LayerPathModel FromModels(LlamaModel head, IReadOnlyList<LlamaModel> sources, LayerPath path)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return new LayerPathModel(head, sources.Select(s => s.Layers).ToList(), path);
    }

    public LlamaModel Head { get; }
    public LayerPath Path { get; }

    /// <summary>L_total: the number of layers of all sources together.</summary>
    public int TotalLayers { get; }

    public IReadOnlyList<DecoderHop> Hops => _hops;
    public LlamaConfig Config => Head.Config;
    public ScalarType DType => Head.DType;
    public Device Device => Head.Device;

    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null)
    {
        Head.ThrowIfDisposed();
        return DecoderExecutor.Forward(Head, _hops, inputIds, attentionMask);
    }

    public IReadOnlyList<GeneratedSequence> GenerateGreedy(Tensor inputIds, Tensor? attentionMask, GenerationOptions options)
    {
        Head.ThrowIfDisposed();
        return GreedyGenerator.Generate(Head, _hops, inputIds, attentionMask, options);
    }

    static void CheckCompatible(LlamaModel head, LlamaDecoderLayer layer, int source)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var a = head.Config;
        var b = layer.Config;
        string where = $"source {source}, layer {layer.Index}";
        if (a.HiddenSize != b.HiddenSize || a.NumAttentionHeads != b.NumAttentionHeads
            || a.NumKeyValueHeads != b.NumKeyValueHeads || a.HeadDim != b.HeadDim)
            throw new ArgumentException(
                $"{where}: hidden {b.HiddenSize}, heads {b.NumAttentionHeads}/{b.NumKeyValueHeads}, head_dim {b.HeadDim} " +
                $"differ from the head model's {a.HiddenSize}, {a.NumAttentionHeads}/{a.NumKeyValueHeads}, {a.HeadDim}.");
        if (a.RopeTheta != b.RopeTheta || a.RopeScaling != b.RopeScaling)
            throw new ArgumentException($"{where}: rotary settings (rope_theta, rope_scaling) differ from the head model's.");
        if (layer.QueryWeight.dtype != head.DType || layer.QueryWeight.device_type != head.Device.type
            || layer.QueryWeight.device_index != head.Embedding.device_index)
            throw new ArgumentException(
                $"{where}: weights are {layer.QueryWeight.dtype} on {layer.QueryWeight.device}, the head model's {head.DType} on {head.Device}.");
    }
}
