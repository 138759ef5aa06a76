using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using TorchSharp;

namespace EvoMerge.Merging.Execution;

/// <summary>safetensors dtypes to TorchSharp scalar types and back.</summary>
public static class TorchDTypes
{
    public static torch.ScalarType ToTorch(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 => torch.ScalarType.Float64,
        SafeTensorDType.F32 => torch.ScalarType.Float32,
        SafeTensorDType.F16 => torch.ScalarType.Float16,
        SafeTensorDType.BF16 => torch.ScalarType.BFloat16,
        SafeTensorDType.I64 => torch.ScalarType.Int64,
        SafeTensorDType.I32 => torch.ScalarType.Int32,
        SafeTensorDType.I16 => torch.ScalarType.Int16,
        SafeTensorDType.I8 => torch.ScalarType.Int8,
        SafeTensorDType.U8 => torch.ScalarType.Byte,
        SafeTensorDType.BOOL => torch.ScalarType.Bool,
        _ => throw new NotSupportedException($"dtype {SafeTensorDTypes.ToHeaderName(dtype)} has no TorchSharp equivalent; such tensors cannot be merged."),
    };

    public static SafeTensorDType FromTorch(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float64 => SafeTensorDType.F64,
        torch.ScalarType.Float32 => SafeTensorDType.F32,
        torch.ScalarType.Float16 => SafeTensorDType.F16,
        torch.ScalarType.BFloat16 => SafeTensorDType.BF16,
        torch.ScalarType.Int64 => SafeTensorDType.I64,
        torch.ScalarType.Int32 => SafeTensorDType.I32,
        torch.ScalarType.Int16 => SafeTensorDType.I16,
        torch.ScalarType.Int8 => SafeTensorDType.I8,
        torch.ScalarType.Byte => SafeTensorDType.U8,
        torch.ScalarType.Bool => SafeTensorDType.BOOL,
        _ => throw new NotSupportedException($"TorchSharp type {type} cannot be stored in safetensors here."),
    };
}
