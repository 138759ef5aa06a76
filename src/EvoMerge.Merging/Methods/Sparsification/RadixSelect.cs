using System.Numerics;
using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// Exact order statistics of |d| on CPU by radix selection. With the sign bit cleared, the bit pattern
/// of a float orders like its magnitude, so each pass histograms the next (up to) 16 bits of the
/// patterns that share the prefix found so far: 2 passes for float32, 1 for 16-bit floats, 4 for
/// float64. Each pass recomputes the task vector chunk by chunk and only reads it; the counting of a
/// chunk is spread over cores, each worker with its own histogram.
/// </summary>
public static class RadixSelect
{
    const int DigitBits = 16;

    public static MagnitudeBoundary[] Find(TaskVectorSource source, IReadOnlyList<long> ranks)
    {
        var layout = KeyLayout.For(source.Dtype);
        int passes = (layout.KeyBits + DigitBits - 1) / DigitBits;
        int workers = Math.Max(1, Math.Min(Environment.ProcessorCount,
            source.Chunks.Count == 0 ? 1 : BlockParallel.BlockCount(source.Chunks.Max(c => c.Length))));
        var prefix = new ulong[ranks.Count];
        var below = new long[ranks.Count];
        var equal = new long[ranks.Count];
        int prefixBits = 0;
        using var workspace = ChunkWorkspace.For(source.Chunks, source.Device);
        for (int pass = 0; pass < passes; pass++)
        {
            int width = layout.KeyBits - prefixBits - DigitBits * (passes - pass - 1);
            var histograms = prefix.Distinct().ToDictionary(p => p, _ => new WorkerHistograms(workers, 1 << width));
            foreach (var chunk in source.Chunks)
            {
                using var delta = source.Delta(chunk, workspace.Get("radix/delta", source.Dtype, chunk.Length));
                foreach (var (p, histogram) in histograms)
                    layout.Count(delta.bytes, prefixBits, p, width, histogram);
            }
            for (int i = 0; i < ranks.Count; i++)
            {
                var totals = histograms[prefix[i]].Totals();
                long target = ranks[i] - below[i];
                long cumulative = 0;
                int digit = 0;
                while (cumulative + totals[digit] <= target) cumulative += totals[digit++];
                below[i] += cumulative;
                prefix[i] = (prefix[i] << width) | (uint)digit;
                equal[i] = totals[digit];
            }
            prefixBits += width;
        }
        return Enumerable.Range(0, ranks.Count)
            .Select(i => new MagnitudeBoundary(layout.ToValue(prefix[i]), below[i], equal[i]))
            .ToArray();
    }

    /// <summary>One histogram per worker (worker w counts blocks w, w + W, ...), summed at the end of a pass.</summary>
    sealed class WorkerHistograms(int workers, int buckets)
    {
        readonly long[][] _counts = Enumerable.Range(0, workers).Select(_ => new long[buckets]).ToArray();

        public int Workers => workers;
        public long[] Of(int worker) => _counts[worker];

        public long[] Totals()
        {
            var totals = new long[buckets];
            foreach (var counts in _counts)
                for (int d = 0; d < buckets; d++) totals[d] += counts[d];
            return totals;
        }
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

        /// <summary>Counts the next digit of every key whose top <paramref name="prefixBits"/> bits equal <paramref name="prefix"/>.</summary>
        public unsafe void Count(Span<byte> bytes, int prefixBits, ulong prefix, int width, WorkerHistograms histograms)
        {
            var digit = new DigitSpec(KeyBits, prefixBits, prefix, KeyBits - prefixBits - width, (1ul << width) - 1);
            fixed (byte* raw = bytes)
            {
                var data = (IntPtr)raw;
                switch (Dtype)
                {
                    case ScalarType.Float32: Spread<uint>(data, bytes.Length / 4, 0x7FFF_FFFFu, digit, histograms); break;
                    case ScalarType.Float64: Spread<ulong>(data, bytes.Length / 8, 0x7FFF_FFFF_FFFF_FFFFul, digit, histograms); break;
                    default: Spread<ushort>(data, bytes.Length / 2, (ushort)0x7FFF, digit, histograms); break;
                }
            }
        }

        static unsafe void Spread<T>(IntPtr data, int count, T absMask, DigitSpec digit, WorkerHistograms histograms)
            where T : unmanaged, IBinaryInteger<T>
        {
            int blocks = BlockParallel.BlockCount(count);
            int workers = Math.Min(histograms.Workers, blocks);
            void Work(int worker)
            {
                var counts = histograms.Of(worker);
                for (int block = worker; block < blocks; block += workers)
                {
                    int start = block * BlockParallel.BlockElements;
                    var keys = new ReadOnlySpan<T>((T*)data + start, Math.Min(BlockParallel.BlockElements, count - start));
                    CountBlock(keys, absMask, digit, counts);
                }
            }
            if (workers <= 1) Work(0);
            else Parallel.For(0, workers, Work);
        }

        static void CountBlock<T>(ReadOnlySpan<T> raw, T absMask, DigitSpec digit, long[] counts)
            where T : unmanaged, IBinaryInteger<T>
        {
            if (digit.PrefixBits == 0)
            {
                foreach (var bits in raw)
                    counts[(int)((ulong.CreateTruncating(bits & absMask) >> digit.Shift) & digit.Mask)]++;
                return;
            }
            int prefixShift = digit.KeyBits - digit.PrefixBits;
            foreach (var bits in raw)
            {
                ulong key = ulong.CreateTruncating(bits & absMask);
                if ((key >> prefixShift) == digit.Prefix)
                    counts[(int)((key >> digit.Shift) & digit.Mask)]++;
            }
        }
    }

    /// <summary>Which bits a pass counts: keys whose top PrefixBits equal Prefix, digit = (key >> Shift) &amp; Mask.</summary>
    readonly record struct DigitSpec(int KeyBits, int PrefixBits, ulong Prefix, int Shift, ulong Mask);
}
