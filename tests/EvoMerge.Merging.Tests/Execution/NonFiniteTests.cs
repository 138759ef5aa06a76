using System.Runtime.InteropServices;
using EvoMerge.Merging.Execution;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Tests.Execution;

public class NonFiniteTests
{
    static byte[] Encode(float[] values, SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F32 => MemoryMarshal.AsBytes(values.AsSpan()).ToArray(),
        SafeTensorDType.F64 => MemoryMarshal.AsBytes(values.Select(v => (double)v).ToArray().AsSpan()).ToArray(),
        SafeTensorDType.F16 => MemoryMarshal.AsBytes(values.Select(v => (Half)v).ToArray().AsSpan()).ToArray(),
        SafeTensorDType.BF16 => MemoryMarshal.AsBytes(values.Select(v => (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16)).ToArray().AsSpan()).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    [Theory]
    [InlineData(SafeTensorDType.F32)]
    [InlineData(SafeTensorDType.F64)]
    [InlineData(SafeTensorDType.F16)]
    [InlineData(SafeTensorDType.BF16)]
    public void Finds_the_first_nan_or_infinity_in_the_vector_part_and_the_tail(SafeTensorDType dtype)
    {
        // 1,000 elements: several vectors plus a scalar tail, for every vector width.
        var values = Enumerable.Range(0, 1000).Select(i => (i - 500) * 1e-3f).ToArray();
        Assert.Equal(-1, NonFinite.IndexOf(Encode(values, dtype), dtype));
        foreach (int at in new[] { 0, 37, 640, 999 })
            foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            {
                var copy = (float[])values.Clone();
                copy[at] = bad;
                copy[Math.Min(999, at + 5)] = float.NaN;
                Assert.Equal(at, NonFinite.IndexOf(Encode(copy, dtype), dtype));
            }
    }

    [Fact]
    public void Largest_finite_values_are_finite_and_integers_are_never_flagged()
    {
        Assert.Equal(-1, NonFinite.IndexOf(Encode([float.MaxValue, float.MinValue, float.Epsilon], SafeTensorDType.F32), SafeTensorDType.F32));
        Assert.Equal(-1, NonFinite.IndexOf(Encode([65504f, -65504f], SafeTensorDType.F16), SafeTensorDType.F16));
        Assert.Equal(-1, NonFinite.IndexOf(Enumerable.Repeat((byte)0xFF, 64).ToArray(), SafeTensorDType.I32));
    }

    [Fact]
    public unsafe void Pointer_overload_reports_indexes_across_the_whole_length()
    {
        var values = new float[5000];
        values[4321] = float.NaN;
        fixed (float* p = values)
            Assert.Equal(4321, NonFinite.IndexOf((byte*)p, values.Length * 4L, SafeTensorDType.F32));
    }
}
