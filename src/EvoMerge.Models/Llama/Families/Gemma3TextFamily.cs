using System.Text.Json;
using System.Text.Json.Nodes;
using static EvoMerge.Models.Llama.LlamaConfigReader;

namespace EvoMerge.Models.Llama.Families;

/// <summary>
/// Gemma 3 text (<c>gemma3_text</c>): Gemma 2's sandwich norms and query_pre_attn_scalar, (1 + w) RMS norms
/// on queries and keys, no soft-capping by default, every sliding_window_pattern-th layer global, local
/// layers rotating with rope_local_base_freq and no scaling. Defaults are transformers' Gemma3TextConfig's.
/// </summary>
sealed class Gemma3TextFamily : IDecoderFamily
{
    public LlamaModelType Type => LlamaModelType.Gemma3Text;
    public string ModelType => "gemma3_text";
    public string Architecture => "Gemma3ForCausalLM";

    public LlamaConfig Read(JsonElement root, LlamaConfig common)
    {
        var config = GemmaFamily.Common(root, common);
        int? window = root.TryGetProperty("sliding_window", out _) ? OptionalInt(root, "sliding_window") : 4096;
        int pattern = OptionalInt(root, "sliding_window_pattern") ?? 6;
        if (pattern <= 0)
            throw new ArgumentException($"config.json: sliding_window_pattern: {pattern} must be positive.");
        return config with
        {
            SandwichNorms = true,
            QueryKeyNorm = true,
            RopeTheta = OptionalDouble(root, "rope_theta") ?? 1_000_000,
            LocalRopeTheta = OptionalDouble(root, "rope_local_base_freq") ?? 10_000,
            AttentionSoftcap = FamilyFields.NullableDouble(root, "attn_logit_softcapping", null),
            FinalLogitSoftcap = FamilyFields.NullableDouble(root, "final_logit_softcapping", null),
            QueryPreAttentionScalar = OptionalDouble(root, "query_pre_attn_scalar") ?? 256,
            SlidingWindow = window,
            SlidingLayers = window is null ? null : FamilyFields.SlidingLayers(root, config.NumHiddenLayers, layer => (layer + 1) % pattern != 0),
        };
    }

    public void Write(LlamaConfig config, JsonObject json)
    {
        GemmaFamily.WriteCommon(config, json);
        json["attn_logit_softcapping"] = config.AttentionSoftcap;
        json["final_logit_softcapping"] = config.FinalLogitSoftcap;
        json["query_pre_attn_scalar"] = config.QueryPreAttentionScalar;
        json["rope_local_base_freq"] = config.LocalRopeTheta;
        json["sliding_window"] = config.SlidingWindow;
        if (config.SlidingWindow is not null)
            json["layer_types"] = new JsonArray(FamilyFields.LayerTypes(config).Select(t => (JsonNode)t).ToArray());
    }
}
