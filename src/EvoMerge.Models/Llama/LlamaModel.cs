using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// A decoder-only causal LM of any supported family (Llama, Mistral, Qwen2/3, Gemma 1/2/3, Phi-3) on TorchSharp, in float32 or bfloat16.
/// Load it from a Hugging Face folder (<see cref="Load"/>) or from name-to-tensor dictionaries
/// (<see cref="FromTensors"/>, e.g. a merged candidate held in memory). Not thread-safe.
/// </summary>
public sealed class LlamaModel : ICausalLm, IDisposable
{
    readonly List<Tensor> _owned;
    readonly IReadOnlyList<DecoderHop> _identityPath;
    bool _disposed;

    LlamaModel(LlamaConfig config, LlamaLoadOptions options, Dictionary<string, Tensor> tensors, List<Tensor> owned)
    {
        Config = config;
        DType = options.DType;
        Device = options.ResolvedDevice;
        _owned = owned;
        Tensors = tensors;
        Embedding = tensors[LlamaTensorNames.Embedding];
        FinalNorm = tensors[LlamaTensorNames.FinalNorm];
        LmHead = config.TieWordEmbeddings ? Embedding : tensors[LlamaTensorNames.LmHead];
        Rotary = new RotaryEmbedding(config);
        Layers = Enumerable.Range(0, config.NumHiddenLayers)
            .Select(i => new LlamaDecoderLayer(config, i, name => tensors.GetValueOrDefault(name), _owned))
            .ToList();
        _identityPath = Layers.Select(layer => new DecoderHop(layer, 1f)).ToList();
    }

    public LlamaConfig Config { get; }
    public ScalarType DType { get; }
    public Device Device { get; }

    /// <summary>The weights by Hugging Face name (no lm_head entry when embeddings are tied).</summary>
    public IReadOnlyDictionary<string, Tensor> Tensors { get; }

    public Tensor Embedding { get; }
    public Tensor FinalNorm { get; }

    /// <summary>The output projection: the embedding itself when the config ties them.</summary>
    public Tensor LmHead { get; }

    public RotaryEmbedding Rotary { get; }

    /// <summary>The decoder layers in order; they reference this model's tensors and live as long as it does.</summary>
    public IReadOnlyList<LlamaDecoderLayer> Layers { get; }

    /// <summary>Reads config.json and the safetensors weights (single file or sharded) of a Hugging Face model folder.</summary>
    public static LlamaModel Load(string modelFolder, LlamaLoadOptions? options = null)
    {
        options ??= new LlamaLoadOptions();
        options.Validate();
        var config = LlamaConfigReader.ReadFolder(modelFolder);
        using var checkpoint = SafeTensorsCheckpoint.Open(modelFolder);
        var owned = new List<Tensor>();
        try
        {
            var tensors = LlamaWeightLoader.FromCheckpoint(checkpoint, config, options, owned);
            return new LlamaModel(config, options, tensors, owned);
        }
        catch
        {
            owned.ForEach(t => t.Dispose());
            throw;
        }
    }

    /// <summary>
    /// Builds a model over tensors named as in a Hugging Face checkpoint. Ownership: tensors that already
    /// have the requested dtype and device are used as they are and stay the caller's: the caller keeps
    /// them alive while the model is used and disposes them afterwards (the model never does).
    /// Tensors of another dtype or device are converted into copies that the model owns and disposes.
    /// </summary>
    public static LlamaModel FromTensors(LlamaConfig config, IReadOnlyDictionary<string, Tensor> tensors, LlamaLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tensors);
        config.Validate();
        options ??= new LlamaLoadOptions();
        options.Validate();
        var owned = new List<Tensor>();
        try
        {
            var used = LlamaWeightLoader.FromTensors(tensors, config, options, owned);
            return new LlamaModel(config, options, used, owned);
        }
        catch
        {
            owned.ForEach(t => t.Dispose());
            throw;
        }
    }

    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return DecoderExecutor.Forward(this, _identityPath, inputIds, attentionMask);
    }

    /// <summary>
    /// <see cref="Forward"/> recording the autograd graph, so a loss computed from the logits has gradients with
    /// respect to every weight tensor that requires them (Fisher estimation). Build the model from float32 tensors
    /// that already require gradients (<see cref="FromTensors"/>): views of fused weights are taken at construction.
    /// </summary>
    public Tensor ForwardWithGradients(Tensor inputIds, Tensor? attentionMask = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return DecoderExecutor.Forward(this, _identityPath, inputIds, attentionMask, trackGradients: true);
    }

    public IReadOnlyList<GeneratedSequence> GenerateGreedy(Tensor inputIds, Tensor? attentionMask, GenerationOptions options)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return GreedyGenerator.Generate(this, _identityPath, inputIds, attentionMask, options);
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var tensor in _owned)
            tensor.Dispose();
        _owned.Clear();
    }
}
