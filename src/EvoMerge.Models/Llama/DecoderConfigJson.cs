using System.Text.Json.Nodes;
using EvoMerge.Models.Llama.Families;

namespace EvoMerge.Models.Llama;

/// <summary>
/// A Hugging Face <c>config.json</c> for a <see cref="LlamaConfig"/> of any supported family, for models
/// that exist only in memory: the shared fields here, the family's own through its <see cref="IDecoderFamily"/>.
/// Reading the result with <see cref="LlamaConfigReader"/> gives the same config back.
/// </summary>
public static class DecoderConfigJson
{
    public static JsonObject Create(LlamaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var family = DecoderFamilies.Of(config.ModelType);
        var json = new JsonObject
        {
            ["architectures"] = new JsonArray(family.Architecture),
            ["model_type"] = family.ModelType,
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
        family.Write(config, json);
        return json;
    }

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
