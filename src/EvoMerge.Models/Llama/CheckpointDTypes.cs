using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>Floating-point safetensors dtypes that can hold model weights, as TorchSharp types.</summary>
static class CheckpointDTypes
{
    public static ScalarType ToTorch(SafeTensorDType dtype, string tensorName) => dtype switch
    {
        SafeTensorDType.F32 => ScalarType.Float32,
        SafeTensorDType.BF16 => ScalarType.BFloat16,
        SafeTensorDType.F16 => ScalarType.Float16,
        SafeTensorDType.F64 => ScalarType.Float64,
        _ => throw new ArgumentException(
            $"tensor '{tensorName}' is {SafeTensorDTypes.ToHeaderName(dtype)}; model weights must be F32, BF16, F16 or F64."),
    };
}
