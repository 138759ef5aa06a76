using System.Numerics;
using System.Runtime.InteropServices;
using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// Exact order statistics of |d| on CPU by radix selection. With the sign bit cleared, the bit pattern
/// of a float orders like its magnitude, so each pass histograms the next (up to) 16 bits of the
/// patterns that share the prefix found so far: 2 passes for float32, 1 for 16-bit floats, 4 for
/// float64. Each pass recomputes the task vector chunk by chunk and only reads it.
/// </summary>
public static class RadixSelect
{
    const int DigitBits = 16;

    public static MagnitudeBoundary[] Find(TaskVectorSource source, IReadOnlyList<long> ranks)
    {
        var layout = KeyLayout.For(source.Dtype);
        int passes = (layout.KeyBits + DigitBits - 1) / DigitBits;
        var prefix = new ulong[ranks.Count];
        var below = new long[ranks.Count];
        var equal = new long[ranks.Count];
        int prefixBits = 0;
        using var workspace = ChunkWorkspace.For(source.Chunks, source.Device);
        for (int pass = 0; pass < passes; pass++)
        {
            int width = layout.KeyBits - prefixBits - DigitBits * (passes - pass - 1);
            var histograms = prefix.Distinct().ToDictionary(p => p, _ => new long[1 << width]);
            foreach (var chunk in source.Chunks)
            {
                using var delta = source.Delta(chunk, workspace.Get("radix/delta", source.Dtype, chunk.Length));
                var bytes = delta.bytes;
                foreach (var (p, histogram) in histograms)
                    layout.Accumulate(bytes, prefixBits, p, width, histogram);
            }
            for (int i = 0; i < ranks.Count; i++)
            {
                var histogram = histograms[prefix[i]];
                long target = ranks[i] - below[i];
                long cumulative = 0;
                int digit = 0;
                while (cumulative + histogram[digit] <= target) cumulative += histogram[digit++];
                below[i] += cumulative;
                prefix[i] = (prefix[i] << width) | (uint)digit;
                equal[i] = histogram[digit];
            }
            prefixBits += width;
        }
        return Enumerable.Range(0, ranks.Count)
            .Select(i => new MagnitudeBoundary(layout.ToValue(prefix[i]), below[i], equal[i]))
            .ToArray();
    }

    /// <summary>How the magnitude key of one dtype is read from raw tensor bytes.</summary>
    sealed class KeyLayout
    {
        public required int KeyBits { get; init; }
        public required Func<ulong, double> ToValue { get; init; }
        public required ScalarType Dtype { get; init; }

        public static KeyLayout For(ScalarType dtype) => dtype switch
        {
            ScalarType.Float32 => new() { Dtype = dtype, KeyBits = 31, ToValue = k => BitConverter.UInt32BitsToSingle((uint)k) },
            ScalarType.Float64 => new() { Dtype = dtype, KeyBits = 63, ToValue = BitConverter.UInt64BitsToDouble },
            ScalarType.BFloat16 => new() { Dtype = dtype, KeyBits = 15, ToValue = k => BitConverter.UInt32BitsToSingle((uint)k << 16) },
            ScalarType.Float16 => new() { Dtype = dtype, KeyBits = 15, ToValue = k => (double)BitConverter.UInt16BitsToHalf((ushort)k) },
            _ => throw new ArgumentException($"magnitude selection needs a floating-point dtype, not {dtype}"),
        };

        /// <summary>Adds the next digit of every key whose top <paramref name="prefixBits"/> bits equal <paramref name="prefix"/>.</summary>
        public void Accumulate(Span<byte> bytes, int prefixBits, ulong prefix, int width, long[] histogram)
        {
            int shift = KeyBits - prefixBits - width;
            switch (Dtype)
            {
                case ScalarType.Float32:
                    Count<uint>(MemoryMarshal.Cast<byte, uint>(bytes), 0x7FFF_FFFFu, KeyBits, prefixBits, prefix, shift, width, histogram);
                    break;
                case ScalarType.Float64:
                    Count<ulong>(MemoryMarshal.Cast<byte, ulong>(bytes), 0x7FFF_FFFF_FFFF_FFFFul, KeyBits, prefixBits, prefix, shift, width, histogram);
                    break;
                default:
                    Count<ushort>(MemoryMarshal.Cast<byte, ushort>(bytes), (ushort)0x7FFF, KeyBits, prefixBits, prefix, shift, width, histogram);
                    break;
            }
        }

        static void Count<T>(ReadOnlySpan<T> raw, T absMask, int keyBits, int prefixBits, ulong prefix, int shift, int width, long[] histogram)
            where T : unmanaged, IBinaryInteger<T>
        {
            ulong digitMask = (1ul << width) - 1;
            if (prefixBits == 0)
            {
                foreach (var bits in raw)
                    histogram[(int)((ulong.CreateTruncating(bits & absMask) >> shift) & digitMask)]++;
                return;
            }
            int prefixShift = keyBits - prefixBits;
            foreach (var bits in raw)
            {
                ulong key = ulong.CreateTruncating(bits & absMask);
                if ((key >> prefixShift) == prefix)
                    histogram[(int)((key >> shift) & digitMask)]++;
            }
        }
    }
}
