namespace EvoMerge.Models.Llama;

/// <summary>
/// The shape and numerics of a Llama-family decoder, as a Hugging Face <c>config.json</c> gives them.
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

    /// <summary>Mistral's <c>sliding_window</c>: a query sees at most this many most recent slots (itself included).</summary>
    public int? SlidingWindow { get; init; }

    public int HeadDim => ExplicitHeadDim ?? HiddenSize / NumAttentionHeads;

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

    static void Positive(int value, string field)
    {
        if (value <= 0)
            throw Invalid(field, $"{value} must be positive");
    }

    static ArgumentException Invalid(string field, string problem) => new($"config.json: {field}: {problem}.");
}
