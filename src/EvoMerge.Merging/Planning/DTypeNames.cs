using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Planning;

/// <summary>mergekit / PyTorch dtype names ("bfloat16", "torch.float16", "fp32") to safetensors dtypes.</summary>
public static class DTypeNames
{
    static readonly Dictionary<string, SafeTensorDType> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["float32"] = SafeTensorDType.F32, ["float"] = SafeTensorDType.F32, ["fp32"] = SafeTensorDType.F32,
        ["float16"] = SafeTensorDType.F16, ["half"] = SafeTensorDType.F16, ["fp16"] = SafeTensorDType.F16,
        ["bfloat16"] = SafeTensorDType.BF16, ["bf16"] = SafeTensorDType.BF16,
        ["float64"] = SafeTensorDType.F64, ["double"] = SafeTensorDType.F64, ["fp64"] = SafeTensorDType.F64,
    };

    public static IEnumerable<string> Valid => ["float32", "float16", "bfloat16", "float64"];

    public static bool TryParse(string? name, out SafeTensorDType dtype)
    {
        dtype = default;
        if (name == null) return false;
        string n = name.StartsWith("torch.", StringComparison.Ordinal) ? name[6..] : name;
        return Names.TryGetValue(n, out dtype);
    }

    public static string ToName(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F32 => "float32",
        SafeTensorDType.F16 => "float16",
        SafeTensorDType.BF16 => "bfloat16",
        SafeTensorDType.F64 => "float64",
        _ => SafeTensorDTypes.ToHeaderName(dtype),
    };

    public static bool IsFloating(SafeTensorDType dtype) =>
        dtype is SafeTensorDType.F32 or SafeTensorDType.F16 or SafeTensorDType.BF16 or SafeTensorDType.F64;
}
