using System.Text.Json;
using System.Text.Json.Nodes;
using static EvoMerge.Models.Llama.LlamaConfigReader;

namespace EvoMerge.Models.Llama.Families;

/// <summary>Phi-3: fused qkv_proj and gate_up_proj, SwiGLU, an optional sliding window on every layer; full rotary only.</summary>
sealed class Phi3Family : IDecoderFamily
{
    public LlamaModelType Type => LlamaModelType.Phi3;
    public string ModelType => "phi3";
    public string Architecture => "Phi3ForCausalLM";

    public LlamaConfig Read(JsonElement root, LlamaConfig common)
    {
        if (OptionalDouble(root, "partial_rotary_factor") is double factor && factor != 1.0)
            throw new ArgumentException($"config.json: partial_rotary_factor: {factor} is not supported; only full rotary embeddings (1.0) are.");
        return common with
        {
            Activation = FamilyFields.Silu(root),
            FusedProjections = true,
            AttentionBias = false,
            MlpBias = false,
            SlidingWindow = OptionalInt(root, "sliding_window"),
        };
    }

    public void Write(LlamaConfig config, JsonObject json)
    {
        json["hidden_act"] = "silu";
        json["sliding_window"] = config.SlidingWindow;
    }
}
