using EvoMerge.Models.Torch;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace EvoMerge.Models.Llama;

/// <summary>
/// One pre-norm decoder block of any supported family: x + Attention(Norm(x)), then x + GatedMlp(Norm(x));
/// Gemma 2/3 also norm each branch's output before the residual ("sandwich"). It references its model's
/// weight tensors (it owns none), so layer paths can reuse it without copying weights; Phi-3's fused
/// projections are split into views the model disposes. Biases and optional norms are null where absent.
/// </summary>
public sealed class LlamaDecoderLayer
{
    internal LlamaDecoderLayer(LlamaConfig config, int index, Func<string, Tensor?> weight, List<Tensor> views)
    {
        Config = config;
        Index = index;
        Tensor Required(string suffix) => weight(LlamaTensorNames.Layer(index, suffix))
            ?? throw new InvalidOperationException($"layer {index}: tensor {suffix} was not loaded.");
        Tensor? Optional(string suffix) => weight(LlamaTensorNames.Layer(index, suffix));
        Tensor Slice(Tensor fused, long start, long length)
        {
            var view = fused.narrow(0, start, length).DetachFromDisposeScope();
            views.Add(view);
            return view;
        }

        InputNorm = Required("input_layernorm.weight");
        long queryWidth = (long)config.NumAttentionHeads * config.HeadDim, keyValueWidth = (long)config.NumKeyValueHeads * config.HeadDim;
        if (config.FusedProjections)
        {
            // Phi-3 stores [q; k; v] and [gate; up] stacked along the output dimension.
            var qkv = Required("self_attn.qkv_proj.weight");
            QueryWeight = Slice(qkv, 0, queryWidth);
            KeyWeight = Slice(qkv, queryWidth, keyValueWidth);
            ValueWeight = Slice(qkv, queryWidth + keyValueWidth, keyValueWidth);
            var gateUp = Required("mlp.gate_up_proj.weight");
            GateWeight = Slice(gateUp, 0, config.IntermediateSize);
            UpWeight = Slice(gateUp, config.IntermediateSize, config.IntermediateSize);
        }
        else
        {
            QueryWeight = Required("self_attn.q_proj.weight");
            KeyWeight = Required("self_attn.k_proj.weight");
            ValueWeight = Required("self_attn.v_proj.weight");
            GateWeight = Required("mlp.gate_proj.weight");
            UpWeight = Required("mlp.up_proj.weight");
        }

        OutputWeight = Required("self_attn.o_proj.weight");
        QueryBias = Optional("self_attn.q_proj.bias");
        KeyBias = Optional("self_attn.k_proj.bias");
        ValueBias = Optional("self_attn.v_proj.bias");
        OutputBias = Optional("self_attn.o_proj.bias");
        QueryNorm = Optional("self_attn.q_norm.weight");
        KeyNorm = Optional("self_attn.k_norm.weight");
        PostAttentionNorm = Required("post_attention_layernorm.weight");
        PreFeedforwardNorm = Optional("pre_feedforward_layernorm.weight");
        PostFeedforwardNorm = Optional("post_feedforward_layernorm.weight");
        DownWeight = Required("mlp.down_proj.weight");
        GateBias = Optional("mlp.gate_proj.bias");
        UpBias = Optional("mlp.up_proj.bias");
        DownBias = Optional("mlp.down_proj.bias");
    }

    /// <summary>The config of the model the layer belongs to.</summary>
    public LlamaConfig Config { get; }

    /// <summary>The layer's index in its own model (it decides local or global attention where the family alternates).</summary>
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

    /// <summary>Qwen3 / Gemma 3: RMS norm weights [head_dim] over each head's queries and keys.</summary>
    public Tensor? QueryNorm { get; }

    public Tensor? KeyNorm { get; }

    /// <summary>Before the MLP, or (Gemma 2/3) on the attention output before its residual.</summary>
    public Tensor PostAttentionNorm { get; }

    public Tensor? PreFeedforwardNorm { get; }
    public Tensor? PostFeedforwardNorm { get; }
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
        using var held = new HeldScalars();
        var attention = Attention(Norm(x, InputNorm), inputs, cache, hop);
        if (PreFeedforwardNorm is null)
        {
            var attended = x.add(attention, held[1]);
            return attended.add(Mlp(Norm(attended, PostAttentionNorm)), held[1]).MoveToOuterDisposeScope();
        }

        var residual = x.add(Norm(attention, PostAttentionNorm), held[1]);
        var output = residual.add(Norm(Mlp(Norm(residual, PreFeedforwardNorm)), PostFeedforwardNorm!), held[1]);
        return output.MoveToOuterDisposeScope();
    }

    Tensor Norm(Tensor x, Tensor weight) => RmsNorm.Apply(x, weight, Config);

    Tensor Mlp(Tensor x)
    {
        var gate = linear(x, GateWeight, GateBias);
        var up = linear(x, UpWeight, UpBias);
        var activated = Config.Activation == DecoderActivation.GeluTanh ? gelu(gate, TorchSharp.Modules.GELU.Approximate.tanh) : silu(gate);
        return linear(activated * up, DownWeight, DownBias);
    }

    Tensor Attention(Tensor x, AttentionInputs inputs, KvCache? cache, int hop)
    {
        long batch = x.shape[0], length = x.shape[1];
        int heads = Config.NumAttentionHeads, keyValueHeads = Config.NumKeyValueHeads, headDim = Config.HeadDim;
        var queries = linear(x, QueryWeight, QueryBias).view(batch, length, heads, headDim);
        var keys = linear(x, KeyWeight, KeyBias).view(batch, length, keyValueHeads, headDim);
        var values = linear(x, ValueWeight, ValueBias).view(batch, length, keyValueHeads, headDim).transpose(1, 2);
        if (QueryNorm is not null)
        {
            queries = Norm(queries, QueryNorm);
            keys = Norm(keys, KeyNorm!);
        }

        var (cos, sin) = inputs.Rotary(Config.LayerRope(Index));
        queries = RotaryEmbedding.Apply(queries.transpose(1, 2), cos, sin);
        keys = RotaryEmbedding.Apply(keys.transpose(1, 2), cos, sin);
        if (cache is not null)
            (keys, values) = cache.Append(hop, inputs.CacheStart, keys, values);
        if (heads != keyValueHeads)
        {
            // Grouped-query attention: query head h reads key/value head h / (heads / keyValueHeads).
            keys = keys.repeat_interleave(heads / keyValueHeads, dim: 1);
            values = values.repeat_interleave(heads / keyValueHeads, dim: 1);
        }

        var mask = inputs.Mask(Config.LayerWindow(Index));
        var attended = Config.AttentionSoftcap is null && Config.QueryPreAttentionScalar is null
            ? scaled_dot_product_attention(queries, keys, values, mask)
            : ExplicitAttention(queries, keys, values, mask);
        return linear(attended.transpose(1, 2).reshape(batch, length, (long)heads * headDim), OutputWeight, OutputBias);
    }

    /// <summary>Attention written out, for Gemma's own score scale and soft-capping; softmax in float32 as transformers does.</summary>
    Tensor ExplicitAttention(Tensor queries, Tensor keys, Tensor values, Tensor mask)
    {
        using var held = new HeldScalars();
        var scores = queries.matmul(keys.transpose(-2, -1)).mul(held[Config.AttentionScale]);
        if (Config.AttentionSoftcap is double cap)
            scores = scores.div(held[cap]).tanh().mul(held[cap]);
        var weights = softmax(scores.add(mask, held[1]), -1, ScalarType.Float32).to_type(queries.dtype);
        return weights.matmul(values);
    }
}
