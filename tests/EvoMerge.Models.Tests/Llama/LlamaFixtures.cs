using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Llama;

/// <summary>The tiny checkpoints and reference outputs written by Fixtures/llama/make_fixtures.py.</summary>
static class LlamaFixtures
{
    public static readonly string[] Names = ["mha_untied", "gqa_tied", "qwen2_bias", "llama3_rope", "linear_rope"];

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "llama", name);

    /// <summary>input_ids, attention_mask, logits and greedy from reference.safetensors (the caller disposes).</summary>
    public static Dictionary<string, Tensor> Reference(string name) => ReadTensors(Path.Combine(Folder(name), "reference.safetensors"));

    /// <summary>Every tensor of an F32/I64 safetensors file (the caller disposes).</summary>
    public static Dictionary<string, Tensor> ReadTensors(string file)
    {
        using var checkpoint = SafeTensorsCheckpoint.Open(file);
        var result = new Dictionary<string, Tensor>();
        foreach (var tensorName in checkpoint.TensorNames)
        {
            var info = checkpoint.GetInfo(tensorName);
            var dtype = info.DType == SafeTensorDType.I64 ? ScalarType.Int64 : ScalarType.Float32;
            var tensor = empty(info.Shape, dtype);
            checkpoint.GetBytes(tensorName).CopyTo(tensor.bytes);
            result[tensorName] = tensor;
        }

        return result;
    }
}
