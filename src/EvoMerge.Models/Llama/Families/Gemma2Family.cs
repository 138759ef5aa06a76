using System.Text.Json;
using System.Text.Json.Nodes;
using static EvoMerge.Models.Llama.LlamaConfigReader;

namespace EvoMerge.Models.Llama.Families;

/// <summary>
/// Gemma 2: Gemma plus sandwich norms, attention and final logit soft-capping, query_pre_attn_scalar,
/// and local (sliding, even indices) / global layers alternating. Defaults are transformers' Gemma2Config's.
/// </summary>
sealed class Gemma2Family : IDecoderFamily
{
    public LlamaModelType Type => LlamaModelType.Gemma2;
    public string ModelType => "gemma2";
    public string Architecture => "Gemma2ForCausalLM";

    public LlamaConfig Read(JsonElement root, LlamaConfig common)
    {
        var config = GemmaFamily.Common(root, common);
        int? window = root.TryGetProperty("sliding_window", out _) ? OptionalInt(root, "sliding_window") : 4096;
        return config with
        {
            SandwichNorms = true,
            AttentionSoftcap = FamilyFields.NullableDouble(root, "attn_logit_softcapping", 50.0),
            FinalLogitSoftcap = FamilyFields.NullableDouble(root, "final_logit_softcapping", 30.0),
            QueryPreAttentionScalar = OptionalDouble(root, "query_pre_attn_scalar") ?? 256,
            SlidingWindow = window,
            SlidingLayers = window is null ? null : FamilyFields.SlidingLayers(root, config.NumHiddenLayers, layer => layer % 2 == 0),
        };
    }

    public void Write(LlamaConfig config, JsonObject json)
    {
        GemmaFamily.WriteCommon(config, json);
        json["attn_logit_softcapping"] = config.AttentionSoftcap;
        json["final_logit_softcapping"] = config.FinalLogitSoftcap;
        json["query_pre_attn_scalar"] = config.QueryPreAttentionScalar;
        json["sliding_window"] = config.SlidingWindow;
        if (config.SlidingWindow is not null)
            json["layer_types"] = new JsonArray(FamilyFields.LayerTypes(config).Select(t => (JsonNode)t).ToArray());
    }
}
