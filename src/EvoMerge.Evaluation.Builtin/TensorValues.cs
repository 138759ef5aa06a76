using System.Runtime.InteropServices;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Builtin;

/// <summary>Copies a merged tensor's values into float32 memory, widening F16 and BF16 exactly.</summary>
internal static class TensorValues
{
    public static readonly SafeTensorDType[] Supported = [SafeTensorDType.F32, SafeTensorDType.BF16, SafeTensorDType.F16];

    public static bool IsSupported(SafeTensorDType dtype) => Array.IndexOf(Supported, dtype) >= 0;

    public static void CopyTo(MergedTensor tensor, Span<float> destination)
    {
        switch (tensor.DType)
        {
            case SafeTensorDType.F32:
                tensor.Float32Values.CopyTo(destination);
                break;
            case SafeTensorDType.BF16:
                // bfloat16 is the upper half of a float32's bits.
                var bf16 = MemoryMarshal.Cast<byte, ushort>(tensor.Bytes);
                for (var i = 0; i < bf16.Length; i++)
                {
                    destination[i] = BitConverter.Int32BitsToSingle(bf16[i] << 16);
                }

                break;
            case SafeTensorDType.F16:
                var f16 = MemoryMarshal.Cast<byte, Half>(tensor.Bytes);
                for (var i = 0; i < f16.Length; i++)
                {
                    destination[i] = (float)f16[i];
                }

                break;
            default:
                throw new ArgumentException($"dtype {tensor.DType} is not one of {string.Join(", ", Supported)}.", nameof(tensor));
        }
    }
}
