using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace EvoMerge.Models.Llama;

/// <summary>
/// One pre-norm decoder block: x + Attention(RMSNorm(x)), then x + SwiGLU(RMSNorm(x)). It references
/// its model's weight tensors (it owns none), so layer paths can reuse it without copying weights.
/// Biases are null where the config has none.
/// </summary>
public sealed class LlamaDecoderLayer
{
    internal LlamaDecoderLayer(LlamaConfig config, int index, Func<string, Tensor?> weight)
    {
        Config = config;
        Index = index;
        Tensor Required(string suffix) => weight(LlamaTensorNames.Layer(index, suffix))
            ?? throw new InvalidOperationException($"layer {index}: tensor {suffix} was not loaded.");
        Tensor? Optional(string suffix) => weight(LlamaTensorNames.Layer(index, suffix));
        InputNorm = Required("input_layernorm.weight");
        QueryWeight = Required("self_attn.q_proj.weight");
        KeyWeight = Required("self_attn.k_proj.weight");
        ValueWeight = Required("self_attn.v_proj.weight");
        OutputWeight = Required("self_attn.o_proj.weight");
        QueryBias = Optional("self_attn.q_proj.bias");
        KeyBias = Optional("self_attn.k_proj.bias");
        ValueBias = Optional("self_attn.v_proj.bias");
        OutputBias = Optional("self_attn.o_proj.bias");
        PostAttentionNorm = Required("post_attention_layernorm.weight");
        GateWeight = Required("mlp.gate_proj.weight");
        UpWeight = Required("mlp.up_proj.weight");
        DownWeight = Required("mlp.down_proj.weight");
        GateBias = Optional("mlp.gate_proj.bias");
        UpBias = Optional("mlp.up_proj.bias");
        DownBias = Optional("mlp.down_proj.bias");
    }

    /// <summary>The config of the model the layer belongs to.</summary>
    public LlamaConfig Config { get; }

    /// <summary>The layer's index in its own model.</summary>
    public int Index { get; }

    public Tensor InputNorm { get; }
    public Tensor QueryWeight { get; }
    public Tensor KeyWeight { get; }
    public Tensor ValueWeight { get; }
    public Tensor OutputWeight { get; }
    public Tensor? QueryBias { get; }
    public Tensor? KeyBias { get; }
    public Tensor? ValueBias { get; }
    public Tensor? OutputBias { get; }
    public Tensor PostAttentionNorm { get; }
    public Tensor GateWeight { get; }
    public Tensor UpWeight { get; }
    public Tensor DownWeight { get; }
    public Tensor? GateBias { get; }
    public Tensor? UpBias { get; }
    public Tensor? DownBias { get; }

    /// <summary>x [B, T, H] to the block's output; with a cache, keys and values are written at hop <paramref name="hop"/>.</summary>
    internal Tensor Forward(Tensor x, AttentionInputs inputs, KvCache? cache, int hop)
    {
        using var scope = NewDisposeScope();
        var attended = x + Attention(RmsNorm.Apply(x, InputNorm, Config.RmsNormEps), inputs, cache, hop);
        var normed = RmsNorm.Apply(attended, PostAttentionNorm, Config.RmsNormEps);
        var gate = linear(normed, GateWeight, GateBias);
        var up = linear(normed, UpWeight, UpBias);
        var output = attended + linear(silu(gate) * up, DownWeight, DownBias);
        return output.MoveToOuterDisposeScope();
    }

    Tensor Attention(Tensor x, AttentionInputs inputs, KvCache? cache, int hop)
    {
        long batch = x.shape[0], length = x.shape[1];
        int heads = Config.NumAttentionHeads, keyValueHeads = Config.NumKeyValueHeads, headDim = Config.HeadDim;
        var queries = linear(x, QueryWeight, QueryBias).view(batch, length, heads, headDim).transpose(1, 2);
        var keys = linear(x, KeyWeight, KeyBias).view(batch, length, keyValueHeads, headDim).transpose(1, 2);
        var values = linear(x, ValueWeight, ValueBias).view(batch, length, keyValueHeads, headDim).transpose(1, 2);
        queries = RotaryEmbedding.Apply(queries, inputs.Cos, inputs.Sin);
        keys = RotaryEmbedding.Apply(keys, inputs.Cos, inputs.Sin);
        if (cache is not null)
            (keys, values) = cache.Append(hop, inputs.CacheStart, keys, values);
        if (heads != keyValueHeads)
        {
            // Grouped-query attention: query head h reads key/value head h / (heads / keyValueHeads).
            keys = keys.repeat_interleave(heads / keyValueHeads, dim: 1);
            values = values.repeat_interleave(heads / keyValueHeads, dim: 1);
        }

        var attended = scaled_dot_product_attention(queries, keys, values, inputs.Mask);
        return linear(attended.transpose(1, 2).reshape(batch, length, (long)heads * headDim), OutputWeight, OutputBias);
    }
}
