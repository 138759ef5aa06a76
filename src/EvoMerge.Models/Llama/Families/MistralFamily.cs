using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Models.Llama.Families;

/// <summary>Mistral: Llama's layout with an optional sliding window on every layer.</summary>
sealed class MistralFamily : IDecoderFamily
{
    public LlamaModelType Type => LlamaModelType.Mistral;
    public string ModelType => "mistral";
    public string Architecture => "MistralForCausalLM";

    public LlamaConfig Read(JsonElement root, LlamaConfig common) => common with
    {
        Activation = FamilyFields.Silu(root),
        SlidingWindow = LlamaConfigReader.OptionalInt(root, "sliding_window"),
    };

    public void Write(LlamaConfig config, JsonObject json)
    {
        json["hidden_act"] = "silu";
        json["attention_bias"] = config.AttentionBias;
        json["sliding_window"] = config.SlidingWindow;
    }
}
