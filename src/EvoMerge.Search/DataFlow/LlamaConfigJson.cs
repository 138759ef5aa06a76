using System.Text.Json.Nodes;
using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Search.DataFlow;

/// <summary>
/// A Hugging Face <c>config.json</c> for a <see cref="LlamaConfig"/>, for models that exist only in
/// memory (a parameter-space merge). Where the head model has a folder its own config.json is used
/// instead, so fields this reader does not know (token ids, chat settings) survive.
/// </summary>
static class LlamaConfigJson
{
    public static JsonObject Create(LlamaConfig config)
    {
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(Architecture(config.ModelType)),
            ["model_type"] = ModelTypeName(config.ModelType),
            ["hidden_act"] = "silu",
            ["hidden_size"] = config.HiddenSize,
            ["intermediate_size"] = config.IntermediateSize,
            ["num_hidden_layers"] = config.NumHiddenLayers,
            ["num_attention_heads"] = config.NumAttentionHeads,
            ["num_key_value_heads"] = config.NumKeyValueHeads,
            ["vocab_size"] = config.VocabSize,
            ["rms_norm_eps"] = config.RmsNormEps,
            ["rope_theta"] = config.RopeTheta,
            ["rope_scaling"] = RopeScalingJson(config.RopeScaling),
            ["tie_word_embeddings"] = config.TieWordEmbeddings,
            ["max_position_embeddings"] = config.MaxPositionEmbeddings,
        };
        if (config.ExplicitHeadDim is int headDim)
            json["head_dim"] = headDim;
        if (config.ModelType != LlamaModelType.Qwen2)
            json["attention_bias"] = config.AttentionBias;
        if (config.ModelType == LlamaModelType.Llama)
            json["mlp_bias"] = config.MlpBias;
        if (config.ModelType == LlamaModelType.Mistral)
            json["sliding_window"] = config.SlidingWindow is int window ? window : null;
        return json;
    }

    public static string DTypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        _ => throw new ArgumentException($"Llama models run in float32 or bfloat16, not {dtype}."),
    };

    static string Architecture(LlamaModelType type) => type switch
    {
        LlamaModelType.Llama => "LlamaForCausalLM",
        LlamaModelType.Mistral => "MistralForCausalLM",
        LlamaModelType.Qwen2 => "Qwen2ForCausalLM",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown model type"),
    };

    static string ModelTypeName(LlamaModelType type) => type switch
    {
        LlamaModelType.Llama => "llama",
        LlamaModelType.Mistral => "mistral",
        LlamaModelType.Qwen2 => "qwen2",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown model type"),
    };

    static JsonObject? RopeScalingJson(RopeScaling? scaling) => scaling switch
    {
        null => null,
        { Kind: RopeScalingKind.Linear } => new JsonObject { ["rope_type"] = "linear", ["factor"] = scaling.Factor },
        _ => new JsonObject
        {
            ["rope_type"] = "llama3",
            ["factor"] = scaling.Factor,
            ["low_freq_factor"] = scaling.LowFrequencyFactor,
            ["high_freq_factor"] = scaling.HighFrequencyFactor,
            ["original_max_position_embeddings"] = scaling.OriginalMaxPositionEmbeddings,
        },
    };
}
