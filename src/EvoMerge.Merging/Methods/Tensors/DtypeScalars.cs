using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// Scalar arithmetic that rounds where mergekit's tensors round. mergekit turns per-model weights into
/// a tensor of the compute dtype before multiplying, so in bf16 a weight of 0.4 acts as 0.400390625;
/// multiplying by the pre-rounded scalar gives bit-identical products. (On half types torch's in-place
/// scalar ops such as mul_ round the scalar to the dtype anyway, while out-of-place ones use it in
/// float32.) Reductions over half types accumulate in float32 (as torch.sum does) and round once.
/// </summary>
public static class DtypeScalars
{
    /// <summary><paramref name="value"/> as stored in a tensor of <paramref name="dtype"/> (via float32, as torch converts).</summary>
    public static double Round(double value, ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => value,
        ScalarType.Float32 => (float)value,
        ScalarType.Float16 => (double)(Half)(float)value,
        ScalarType.BFloat16 => RoundToBFloat16((float)value),
        _ => throw new ArgumentException($"merge methods compute in floating-point dtypes, not {dtype}", nameof(dtype)),
    };

    /// <summary>The dtype that sums of <paramref name="dtype"/> values accumulate in (torch's opmath type on CPU).</summary>
    public static ScalarType AccumulationType(ScalarType dtype) =>
        dtype is ScalarType.BFloat16 or ScalarType.Float16 ? ScalarType.Float32 : dtype;

    /// <summary>Sum of already-rounded values, accumulated like a torch reduction over dim 0, rounded to dtype.</summary>
    public static double Sum(IEnumerable<double> roundedValues, ScalarType dtype)
    {
        if (dtype == ScalarType.Float64)
            return roundedValues.Sum();
        float acc = 0;
        foreach (var v in roundedValues) acc += (float)v;
        return Round(acc, dtype);
    }

    static double RoundToBFloat16(float value) =>
        float.IsNaN(value) ? double.NaN : BitConverter.UInt32BitsToSingle((uint)ToBFloat16Bits(value) << 16);

    /// <summary>The bfloat16 bit pattern nearest to <paramref name="value"/> (ties to even), as torch rounds.</summary>
    public static ushort ToBFloat16Bits(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        return (ushort)((bits + 0x7FFFu + ((bits >> 16) & 1u)) >> 16);
    }
}
