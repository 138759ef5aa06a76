using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Models.Llama.Families;

/// <summary>Qwen2 / Qwen2.5: biases on q/k/v (never on o), sliding window on layers from max_window_layers when enabled.</summary>
sealed class Qwen2Family : IDecoderFamily
{
    public LlamaModelType Type => LlamaModelType.Qwen2;
    public string ModelType => "qwen2";
    public string Architecture => "Qwen2ForCausalLM";

    public LlamaConfig Read(JsonElement root, LlamaConfig common) =>
        FamilyFields.QwenWindows(root, common with { Activation = FamilyFields.Silu(root), AttentionBias = false });

    public void Write(LlamaConfig config, JsonObject json)
    {
        json["hidden_act"] = "silu";
        QwenWindowsJson.Write(config, json);
    }
}
