using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Errors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Search.Config;

/// <summary>
/// The dtype a language task runs its model in when the config gives none: the checkpoint's own, so a bf16 model
/// is not silently widened to float32 (about 4.5x slower with a third more memory). Half precision (bfloat16,
/// float16) runs in bfloat16, the evaluator's only half type; anything else in float32.
/// </summary>
internal static class CheckpointDType
{
    public const string Float32 = "float32";
    public const string BFloat16 = "bfloat16";

    /// <summary>
    /// From the model's config.json (<c>torch_dtype</c>, or <c>dtype</c> as newer transformers write it), else from
    /// the dtype holding most bytes of its safetensors weights, else float32 (e.g. a PyTorch pickle).
    /// </summary>
    public static string Of(string modelPath)
    {
        string folder = Directory.Exists(modelPath) ? modelPath : Path.GetDirectoryName(modelPath) ?? modelPath;
        return FromConfigJson(Path.Combine(folder, "config.json")) ?? FromWeights(modelPath) ?? Float32;
    }

    static string? FromConfigJson(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
            var value = json?["torch_dtype"] ?? json?["dtype"];
            return value is JsonValue v && v.TryGetValue(out string? name) ? FromName(name) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // The language task reports an unreadable config.json when it loads the model; the dtype falls back.
            return null;
        }
    }

    static string? FromName(string name) => name switch
    {
        "bfloat16" or "float16" or "half" => BFloat16,
        "float32" or "float" or "float64" or "double" => Float32,
        _ => null,
    };

    static string? FromWeights(string modelPath)
    {
        CheckpointHeader header;
        try
        {
            header = SafeTensorsCheckpoint.ReadHeaders(modelPath);
        }
        catch (Exception e) when (e is SafeTensorsFormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var byDType = header.Tensors.Values
            .Where(t => t.DType is SafeTensorDType.F32 or SafeTensorDType.F64 or SafeTensorDType.BF16 or SafeTensorDType.F16)
            .GroupBy(t => t.DType)
            .Select(g => (DType: g.Key, Bytes: g.Sum(t => t.ByteLength)))
            .OrderByDescending(g => g.Bytes)
            .ToList();
        if (byDType.Count == 0) return null;
        return byDType[0].DType is SafeTensorDType.BF16 or SafeTensorDType.F16 ? BFloat16 : Float32;
    }
}
