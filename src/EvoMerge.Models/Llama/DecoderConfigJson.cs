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

    /// <summary>
    /// Sets <c>num_hidden_layers</c> of a config.json for a stack of layers taken from other positions or
    /// models (a data-flow export), and <c>layer_types</c> so each layer keeps its own local or global
    /// attention instead of the one its new index would get from the family's pattern.
    /// </summary>
    public static void SetLayers(JsonObject json, IReadOnlyList<LlamaDecoderLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(layers);
        json["num_hidden_layers"] = layers.Count;
        if (layers.Any(l => l.Config.SlidingWindow is not null))
            json["layer_types"] = new JsonArray(layers
                .Select(l => (JsonNode)(l.Config.IsSlidingLayer(l.Index) ? FamilyFields.SlidingAttention : FamilyFields.FullAttention))
                .ToArray());
        else
            json.Remove("layer_types");
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
