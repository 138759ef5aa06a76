using EvoMerge.Models.Llama;
using EvoMerge.Models.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// A Llama decoder whose weights are trainable float32 parameters named as in a Hugging Face checkpoint.
/// <see cref="LlamaModel.Forward"/> runs under no_grad, so training needs this separate forward; it computes the
/// same function (same norms, rotary tables, mask and SwiGLU) for unpadded or right-padded batches, which is all
/// training uses: positions are 0..T-1 and the causal mask keeps right padding out of sight of real tokens.
/// </summary>
public sealed class TrainableLlama : IDisposable
{
    readonly Dictionary<string, Parameter> _parameters;
    readonly RotaryEmbedding _rotary;

    /// <summary>Copies <paramref name="weights"/> (all the config calls for) into new parameters; the caller keeps its tensors.</summary>
    public TrainableLlama(LlamaConfig config, IReadOnlyDictionary<string, Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        config.Validate();
        Config = config;
        _rotary = new RotaryEmbedding(config);
        _parameters = new Dictionary<string, Parameter>(StringComparer.Ordinal);
        foreach (var (name, shape) in LlamaTensorNames.Expected(config))
        {
            if (!weights.TryGetValue(name, out var weight))
                throw new ArgumentException($"the weights lack '{name}', which the config calls for.", nameof(weights));
            if (!weight.shape.SequenceEqual(shape))
                throw new ArgumentException($"'{name}' has shape [{string.Join(", ", weight.shape)}], the config calls for [{string.Join(", ", shape)}].", nameof(weights));
            using var copy = weight.detach().to(ScalarType.Float32, CPU).clone();
            _parameters[name] = new Parameter(copy, requires_grad: true);
        }
    }

    public LlamaConfig Config { get; }

    /// <summary>The trainable tensors by Hugging Face name, in checkpoint order.</summary>
    public IReadOnlyDictionary<string, Parameter> Parameters => _parameters;

    /// <summary>Float32 logits [B, T, V] for ids [B, T] (int64), differentiable in the parameters.</summary>
    public Tensor Forward(Tensor inputIds)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        if (inputIds.dim() != 2) throw new ArgumentException($"input ids must be [batch, length], got [{string.Join(", ", inputIds.shape)}].", nameof(inputIds));
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        long batch = inputIds.shape[0], length = inputIds.shape[1];
        var positions = arange(held[0], held[length], held[1], dtype: ScalarType.Int64).unsqueeze(0).expand(batch, length);
        var (cos, sin) = _rotary.Tables(positions, ScalarType.Float32);
        var future = ones(length, length, ScalarType.Bool).triu(1);
        var mask = zeros(length, length).masked_fill(future, held[float.MinValue]).view(1, 1, length, length);
        var x = Weight(LlamaTensorNames.Embedding).index_select(0, inputIds.flatten()).view(batch, length, Config.HiddenSize);
        for (int layer = 0; layer < Config.NumHiddenLayers; layer++)
            x = Block(layer, x, cos, sin, mask);
        var normed = RmsNorm.Apply(x, Weight(LlamaTensorNames.FinalNorm), Config.RmsNormEps);
        var head = Config.TieWordEmbeddings ? Weight(LlamaTensorNames.Embedding) : Weight(LlamaTensorNames.LmHead);
        return linear(normed, head).MoveToOuterDisposeScope();
    }

    /// <summary>Detached copies of the weights, for saving or building a <see cref="LlamaModel"/>; the caller disposes them.</summary>
    public Dictionary<string, Tensor> Snapshot()
    {
        var copies = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, parameter) in _parameters)
            copies[name] = parameter.detach().clone().DetachFromDisposeScope();
        return copies;
    }

    Tensor Block(int layer, Tensor x, Tensor cos, Tensor sin, Tensor mask)
    {
        Tensor W(string suffix) => Weight(LlamaTensorNames.Layer(layer, suffix));
        Tensor? B(string suffix) => _parameters.GetValueOrDefault(LlamaTensorNames.Layer(layer, suffix));
        using var held = new HeldScalars();
        long batch = x.shape[0], length = x.shape[1];
        int heads = Config.NumAttentionHeads, keyValueHeads = Config.NumKeyValueHeads, headDim = Config.HeadDim;
        var input = RmsNorm.Apply(x, W("input_layernorm.weight"), Config.RmsNormEps);
        var queries = linear(input, W("self_attn.q_proj.weight"), B("self_attn.q_proj.bias")).view(batch, length, heads, headDim).transpose(1, 2);
        var keys = linear(input, W("self_attn.k_proj.weight"), B("self_attn.k_proj.bias")).view(batch, length, keyValueHeads, headDim).transpose(1, 2);
        var values = linear(input, W("self_attn.v_proj.weight"), B("self_attn.v_proj.bias")).view(batch, length, keyValueHeads, headDim).transpose(1, 2);
        queries = RotaryEmbedding.Apply(queries, cos, sin);
        keys = RotaryEmbedding.Apply(keys, cos, sin);
        if (heads != keyValueHeads)
        {
            keys = keys.repeat_interleave(heads / keyValueHeads, dim: 1);
            values = values.repeat_interleave(heads / keyValueHeads, dim: 1);
        }

        var attended = scaled_dot_product_attention(queries, keys, values, mask).transpose(1, 2).reshape(batch, length, (long)heads * headDim);
        var afterAttention = x.add(linear(attended, W("self_attn.o_proj.weight"), B("self_attn.o_proj.bias")), held[1]);
        var normed = RmsNorm.Apply(afterAttention, W("post_attention_layernorm.weight"), Config.RmsNormEps);
        var gate = linear(normed, W("mlp.gate_proj.weight"), B("mlp.gate_proj.bias"));
        var up = linear(normed, W("mlp.up_proj.weight"), B("mlp.up_proj.bias"));
        return afterAttention.add(linear(silu(gate) * up, W("mlp.down_proj.weight"), B("mlp.down_proj.bias")), held[1]);
    }

    Tensor Weight(string name) => _parameters[name];

    public void Dispose()
    {
        foreach (var parameter in _parameters.Values)
            parameter.Dispose();
        _parameters.Clear();
    }
}
