using System.Text.Json.Nodes;
using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Search.DataFlow;

/// <summary>
/// A Hugging Face <c>config.json</c> for a <see cref="LlamaConfig"/>, for models that exist only in
/// memory (a parameter-space merge). Where the head model has a folder its own config.json is used
/// instead, so fields this reader does not know (token ids, chat settings) survive.
/// </summary>
static class LlamaConfigJson
{
    public static JsonObject Create(LlamaConfig config) => DecoderConfigJson.Create(config);

    public static string DTypeName(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        _ => throw new ArgumentException($"Llama models run in float32 or bfloat16, not {dtype}."),
    };
}
