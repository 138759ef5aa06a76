namespace EvoMerge.Models.Llama;

/// <summary>
/// The shape and numerics of a Llama-style decoder (Llama, Mistral, Qwen2/3, Gemma 1/2/3, Phi-3), as a Hugging Face <c>config.json</c> gives them.
/// Read one with <see cref="LlamaConfigReader"/>; <see cref="Validate"/> checks the fields together.
/// </summary>
public sealed record LlamaConfig
{
    public LlamaModelType ModelType { get; init; } = LlamaModelType.Llama;
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }

    /// <summary>The config's <c>head_dim</c>; null means <c>hidden_size / num_attention_heads</c>.</summary>
    public int? ExplicitHeadDim { get; init; }

    public required int VocabSize { get; init; }
    public double RmsNormEps { get; init; } = 1e-6;
    public double RopeTheta { get; init; } = 10000.0;
    public RopeScaling? RopeScaling { get; init; }
    public bool TieWordEmbeddings { get; init; }

    /// <summary>The config's <c>attention_bias</c> (Llama: biases on q, k, v and o).</summary>
    public bool AttentionBias { get; init; }

    public bool MlpBias { get; init; }
    public int MaxPositionEmbeddings { get; init; } = 2048;

    /// <summary>The <c>sliding_window</c>: a query in a sliding layer sees at most this many most recent tokens (itself included).</summary>
    public int? SlidingWindow { get; init; }

    /// <summary>
    /// Which layers use <see cref="SlidingWindow"/> (one flag per layer); null means every layer does
    /// (Mistral, Phi-3). Families with local/global layers (Qwen2 max_window_layers, Gemma 2/3) set it.
    /// </summary>
    public IReadOnlyList<bool>? SlidingLayers { get; init; }

    /// <summary>The MLP's activation: SwiGLU's silu, or Gemma's GeGLU with tanh-approximated gelu.</summary>
    public DecoderActivation Activation { get; init; } = DecoderActivation.Silu;

    /// <summary>Gemma's RMSNorm: scales by <c>(1 + w)</c> in float32 instead of <c>w</c>.</summary>
    public bool NormAddsOne { get; init; }

    /// <summary>Gemma: token embeddings are multiplied by <c>sqrt(hidden_size)</c> (rounded to the model's dtype).</summary>
    public bool ScaleEmbeddings { get; init; }

    /// <summary>Qwen3, Gemma 3: RMS norms over each head's queries and keys (q_norm, k_norm) before the rotation.</summary>
    public bool QueryKeyNorm { get; init; }

    /// <summary>Gemma 2/3: attention and MLP outputs are normed before the residual (post_attention_layernorm, post_feedforward_layernorm) and the MLP input by pre_feedforward_layernorm.</summary>
    public bool SandwichNorms { get; init; }

    /// <summary>Gemma 2's <c>attn_logit_softcapping</c>: scores become <c>cap * tanh(scores / cap)</c>.</summary>
    public double? AttentionSoftcap { get; init; }

    /// <summary>Gemma 2's <c>final_logit_softcapping</c>: logits become <c>cap * tanh(logits / cap)</c>.</summary>
    public double? FinalLogitSoftcap { get; init; }

    /// <summary>Gemma 2/3's <c>query_pre_attn_scalar</c>: scores are scaled by its inverse square root instead of head_dim's.</summary>
    public double? QueryPreAttentionScalar { get; init; }

    /// <summary>Gemma 3's <c>rope_local_base_freq</c>: sliding layers rotate with this base and no scaling.</summary>
    public double? LocalRopeTheta { get; init; }

    /// <summary>Phi-3: q/k/v stored as one <c>qkv_proj</c> and gate/up as one <c>gate_up_proj</c>.</summary>
    public bool FusedProjections { get; init; }

    public int HeadDim => ExplicitHeadDim ?? HiddenSize / NumAttentionHeads;

    /// <summary>The factor attention scores are multiplied by.</summary>
    public double AttentionScale => 1.0 / Math.Sqrt(QueryPreAttentionScalar ?? HeadDim);

    /// <summary>Whether layer <paramref name="layer"/> uses the sliding window.</summary>
    public bool IsSlidingLayer(int layer) =>
        SlidingWindow is not null && (SlidingLayers is null || SlidingLayers[layer]);

    /// <summary>The window of layer <paramref name="layer"/>, or null for full causal attention.</summary>
    public int? LayerWindow(int layer) => IsSlidingLayer(layer) ? SlidingWindow : null;

    /// <summary>The rotary settings of layer <paramref name="layer"/> (Gemma 3's local layers have their own base).</summary>
    public RopeSettings LayerRope(int layer) =>
        LocalRopeTheta is double local && IsSlidingLayer(layer)
            ? new RopeSettings(local, null)
            : new RopeSettings(RopeTheta, RopeScaling);

    /// <summary>Whether q_proj, k_proj and v_proj have a bias.</summary>
    public bool QkvBias => ModelType == LlamaModelType.Qwen2 || AttentionBias;

    /// <summary>Whether o_proj has a bias (Qwen2 never has one).</summary>
    public bool OutputBias => ModelType != LlamaModelType.Qwen2 && AttentionBias;

    /// <summary>Throws <see cref="ArgumentException"/> naming the config field that is out of range.</summary>
    public void Validate()
    {
        Positive(HiddenSize, "hidden_size");
        Positive(IntermediateSize, "intermediate_size");
        Positive(NumHiddenLayers, "num_hidden_layers");
        Positive(NumAttentionHeads, "num_attention_heads");
        Positive(NumKeyValueHeads, "num_key_value_heads");
        Positive(VocabSize, "vocab_size");
        Positive(MaxPositionEmbeddings, "max_position_embeddings");
        if (ExplicitHeadDim is null && HiddenSize % NumAttentionHeads != 0)
            throw Invalid("hidden_size", $"{HiddenSize} is not a multiple of num_attention_heads ({NumAttentionHeads}) and head_dim is not given");
        if (ExplicitHeadDim is int headDim)
            Positive(headDim, "head_dim");
        if (HeadDim % 2 != 0)
            throw Invalid("head_dim", $"{HeadDim} is odd; rotary embeddings rotate pairs of dimensions");
        if (NumAttentionHeads % NumKeyValueHeads != 0)
            throw Invalid("num_key_value_heads", $"{NumKeyValueHeads} does not divide num_attention_heads ({NumAttentionHeads})");
        if (!(RmsNormEps > 0) || double.IsInfinity(RmsNormEps))
            throw Invalid("rms_norm_eps", $"{RmsNormEps} must be positive and finite");
        if (!(RopeTheta > 0) || double.IsInfinity(RopeTheta))
            throw Invalid("rope_theta", $"{RopeTheta} must be positive and finite");
        if (SlidingWindow is int window)
            Positive(window, "sliding_window");
        if (SlidingLayers is not null && SlidingLayers.Count != NumHiddenLayers)
            throw Invalid("layer_types", $"{SlidingLayers.Count} entries for {NumHiddenLayers} layers (num_hidden_layers)");
        PositiveOrNull(AttentionSoftcap, "attn_logit_softcapping");
        PositiveOrNull(FinalLogitSoftcap, "final_logit_softcapping");
        PositiveOrNull(QueryPreAttentionScalar, "query_pre_attn_scalar");
        PositiveOrNull(LocalRopeTheta, "rope_local_base_freq");
        if (RopeScaling is { } scaling)
            ValidateScaling(scaling);
    }

    static void ValidateScaling(RopeScaling scaling)
    {
        if (!(scaling.Factor > 0) || double.IsInfinity(scaling.Factor))
            throw Invalid("rope_scaling.factor", $"{scaling.Factor} must be positive and finite");
        if (scaling.Kind != RopeScalingKind.Llama3)
            return;
        if (!(scaling.LowFrequencyFactor > 0))
            throw Invalid("rope_scaling.low_freq_factor", $"{scaling.LowFrequencyFactor} must be positive");
        if (!(scaling.HighFrequencyFactor > scaling.LowFrequencyFactor))
            throw Invalid("rope_scaling.high_freq_factor",
                $"{scaling.HighFrequencyFactor} must be greater than low_freq_factor ({scaling.LowFrequencyFactor})");
        if (scaling.OriginalMaxPositionEmbeddings <= 0)
            throw Invalid("rope_scaling.original_max_position_embeddings", $"{scaling.OriginalMaxPositionEmbeddings} must be positive");
    }

    static void PositiveOrNull(double? value, string field)
    {
        if (value is double v && (!(v > 0) || double.IsInfinity(v)))
            throw Invalid(field, $"{v} must be positive and finite");
    }

    static void Positive(int value, string field)
    {
        if (value <= 0)
            throw Invalid(field, $"{value} must be positive");
    }

    static ArgumentException Invalid(string field, string problem) => new($"config.json: {field}: {problem}.");
}
