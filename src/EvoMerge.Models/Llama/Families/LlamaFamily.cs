using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Models.Llama.Families;

/// <summary>Llama 1/2/3: SwiGLU, optional biases on all attention projections and on the MLP.</summary>
sealed class LlamaFamily : IDecoderFamily
{
    public LlamaModelType Type => LlamaModelType.Llama;
    public string ModelType => "llama";
    public string Architecture => "LlamaForCausalLM";

    public LlamaConfig Read(JsonElement root, LlamaConfig common) => common with { Activation = FamilyFields.Silu(root) };

    public void Write(LlamaConfig config, JsonObject json)
    {
        json["hidden_act"] = "silu";
        json["attention_bias"] = config.AttentionBias;
        json["mlp_bias"] = config.MlpBias;
    }
}
