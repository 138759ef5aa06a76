using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Models.Llama.Families;

/// <summary>Gemma 1: embeddings scaled by sqrt(hidden), (1 + w) RMS norms, GeGLU, tied embeddings by default.</summary>
sealed class GemmaFamily : IDecoderFamily
{
    public LlamaModelType Type => LlamaModelType.Gemma;
    public string ModelType => "gemma";
    public string Architecture => "GemmaForCausalLM";

    public LlamaConfig Read(JsonElement root, LlamaConfig common) => Common(root, common);

    public void Write(LlamaConfig config, JsonObject json) => WriteCommon(config, json);

    /// <summary>What Gemma 2 and 3 share with Gemma 1.</summary>
    internal static LlamaConfig Common(JsonElement root, LlamaConfig common) => common with
    {
        Activation = FamilyFields.GeluTanh(root),
        NormAddsOne = true,
        ScaleEmbeddings = true,
        TieWordEmbeddings = LlamaConfigReader.OptionalBool(root, "tie_word_embeddings") ?? true,
    };

    internal static void WriteCommon(LlamaConfig config, JsonObject json)
    {
        json["hidden_activation"] = "gelu_pytorch_tanh";
        json["attention_bias"] = config.AttentionBias;
    }
}
