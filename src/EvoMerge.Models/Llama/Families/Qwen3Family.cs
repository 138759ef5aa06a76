using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Models.Llama.Families;

/// <summary>Qwen3 (dense): per-head RMS norms on queries and keys, attention_bias like Llama, Qwen's windows.</summary>
sealed class Qwen3Family : IDecoderFamily
{
    public LlamaModelType Type => LlamaModelType.Qwen3;
    public string ModelType => "qwen3";
    public string Architecture => "Qwen3ForCausalLM";

    public LlamaConfig Read(JsonElement root, LlamaConfig common) =>
        FamilyFields.QwenWindows(root, common with { Activation = FamilyFields.Silu(root), QueryKeyNorm = true });

    public void Write(LlamaConfig config, JsonObject json)
    {
        json["hidden_act"] = "silu";
        json["attention_bias"] = config.AttentionBias;
        QwenWindowsJson.Write(config, json);
    }
}
