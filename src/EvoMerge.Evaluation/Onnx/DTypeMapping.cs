using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>Safetensors dtypes and the ONNX element types with the same bit layout.</summary>
internal static class DTypeMapping
{
    public static TensorElementType? ToOnnx(SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F32 => TensorElementType.Float,
        SafeTensorDType.F16 => TensorElementType.Float16,
        SafeTensorDType.BF16 => TensorElementType.BFloat16,
        SafeTensorDType.F64 => TensorElementType.Double,
        SafeTensorDType.I64 => TensorElementType.Int64,
        SafeTensorDType.I32 => TensorElementType.Int32,
        SafeTensorDType.I16 => TensorElementType.Int16,
        SafeTensorDType.I8 => TensorElementType.Int8,
        SafeTensorDType.U8 => TensorElementType.UInt8,
        SafeTensorDType.U16 => TensorElementType.UInt16,
        SafeTensorDType.U32 => TensorElementType.UInt32,
        SafeTensorDType.U64 => TensorElementType.UInt64,
        SafeTensorDType.BOOL => TensorElementType.Bool,
        _ => null,
    };

    /// <summary>"F32" for the ONNX types that have a safetensors twin, else the ONNX name.</summary>
    public static string Describe(TensorElementType type)
    {
        foreach (var dtype in SafeTensorDTypes.All)
        {
            if (ToOnnx(dtype) == type)
            {
                return dtype.ToString();
            }
        }

        return $"ONNX {type}";
    }
}
