using System.Numerics;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// The magnitude threshold that keeps exactly <c>k</c> entries of |x - b| (the TIES trim), found in
/// linear time by a three-level radix selection on the float bits (non-negative floats order like
/// their bit patterns): each level's histogram finds the bin holding the k-th largest under the
/// prefix chosen so far, until the exact value is known. Entries equal to the
/// threshold are ranked by index like the TorchSharp methods (ascending magnitude, ties by index,
/// the top k ranks kept): the ties with the highest indices are kept.
/// </summary>
internal sealed class MagnitudeThreshold
{
    /// <summary>Entries with |d| above this are kept.</summary>
    public float Threshold { get; private init; }
    /// <summary>True when every entry equal to <see cref="Threshold"/> is kept too.</summary>
    public bool KeepAllTies { get; private init; }
    /// <summary>Without <see cref="KeepAllTies"/>: how many threshold ties each block keeps (its last ones).</summary>
    public long[]? TieQuotaPerBlock { get; private init; }
    /// <summary>Without <see cref="KeepAllTies"/>: how many threshold ties each block holds.</summary>
    public long[]? TiesPerBlock { get; private init; }
    /// <summary>No entry kept at all (k = 0).</summary>
    public bool KeepNone { get; private init; }

    public static unsafe MagnitudeThreshold Find(IntPtr x, IntPtr b, long elements, bool bf16, long k)
    {
        if (k <= 0) return new MagnitudeThreshold { KeepNone = true };
        if (k >= elements) return new MagnitudeThreshold { Threshold = -1, KeepAllTies = true };
        // Three levels of 11, 11 and 9 bits (31 bits: the sign is masked off), so every histogram
        // stays in the first-level cache; levels 2 and 3 only count entries under the chosen prefix.
        uint prefix = 0;
        long remainingK = k;
        long[] histogram = [];
        int bin = 0;
        foreach (var (shift, width) in Levels)
        {
            histogram = Histogram(x, b, elements, bf16, shift, width, prefixShift: shift + width, prefix);
            (bin, long higher) = Select(histogram, remainingK);
            remainingK -= higher;
            prefix = (prefix << width) | (uint)bin;
        }
        uint thresholdBits = prefix;
        float threshold = BitConverter.UInt32BitsToSingle(thresholdBits);
        long needTies = remainingK;
        long ties = histogram[bin];
        if (needTies == ties) return new MagnitudeThreshold { Threshold = threshold, KeepAllTies = true };
        return WithTieQuotas(x, b, elements, bf16, thresholdBits, needTies);
    }

    /// <summary>The threshold when only some of its ties are kept: per-block quotas.</summary>
    static MagnitudeThreshold WithTieQuotas(IntPtr x, IntPtr b, long elements, bool bf16, uint thresholdBits, long needTies)
    {
        float threshold = BitConverter.UInt32BitsToSingle(thresholdBits);
        // Partial ties (frequent in bfloat16): the highest-index ties are kept, so quotas fill from the last block.
        long blocks = FusedKernels.BlockCount(elements);
        var tiesPerBlock = new long[blocks];
        Parallel.For(0, blocks, block =>
        {
            var (start, end) = FusedKernels.BlockRange(block, elements);
            long count = 0;
            for (long i = start; i < end; i++) if (Bits(x, b, i, bf16) == thresholdBits) count++;
            tiesPerBlock[block] = count;
        });
        var quota = new long[blocks];
        long remaining = needTies;
        for (long block = blocks - 1; block >= 0; block--)
        {
            quota[block] = Math.Min(remaining, tiesPerBlock[block]);
            remaining -= quota[block];
        }
        return new MagnitudeThreshold { Threshold = threshold, KeepAllTies = false, TieQuotaPerBlock = quota, TiesPerBlock = tiesPerBlock };
    }

    /// <summary>Bits of |round(x - b)| for <see cref="Lanes.Step"/> entries from <paramref name="i"/>, into <paramref name="bits"/> and as two vectors.</summary>
    static unsafe void AbsDeltaBits(IntPtr x, IntPtr b, long i, bool bf16, Span<uint> bits, out Vector<uint> low, out Vector<uint> high)
    {
        Lanes.Load((byte*)x, i, bf16, out var x0, out var x1);
        Lanes.Load((byte*)b, i, bf16, out var b0, out var b1);
        var mask = new Vector<uint>(0x7FFFFFFFu);
        var d0 = x0 - b0;
        var d1 = x1 - b1;
        if (bf16) { d0 = Lanes.RoundBF16(d0); d1 = Lanes.RoundBF16(d1); }
        low = Vector.AsVectorUInt32(d0) & mask;
        high = Vector.AsVectorUInt32(d1) & mask;
        low.CopyTo(bits);
        high.CopyTo(bits[Vector<uint>.Count..]);
    }

    /// <summary>Bits of |round(x_i - b_i)| in the compute dtype, as a float32 pattern.</summary>
    public static unsafe uint Bits(IntPtr x, IntPtr b, long i, bool bf16)
    {
        float d = Lanes.RoundScalar(Lanes.LoadScalar((byte*)x, i, bf16) - Lanes.LoadScalar((byte*)b, i, bf16), bf16);
        return BitConverter.SingleToUInt32Bits(d) & 0x7FFFFFFFu;
    }

    static readonly (int Shift, int Width)[] Levels = [(20, 11), (9, 11), (0, 9)];

    /// <summary>Histogram of bits [shift, shift + width) over the entries whose bits above prefixShift equal <paramref name="prefix"/>.</summary>
    static long[] Histogram(IntPtr x, IntPtr b, long elements, bool bf16, int shift, int width, int prefixShift, uint prefix)
    {
        int bins = 1 << width;
        uint binMask = (uint)bins - 1;
        var total = new long[bins];
        object gate = new();
        Parallel.For(0L, FusedKernels.BlockCount(elements), () => new int[bins], (block, _, local) =>
        {
            var (start, end) = FusedKernels.BlockRange(block, elements);
            Span<uint> bits = stackalloc uint[Lanes.Step];
            var wanted = new Vector<uint>(prefix);
            bool all = prefixShift >= 31; // level 1: every entry qualifies
            long i = start;
            for (; i + Lanes.Step <= end; i += Lanes.Step)
            {
                AbsDeltaBits(x, b, i, bf16, bits, out var low, out var high);
                if (all)
                {
                    foreach (uint v in bits) local[(v >> shift) & binMask]++;
                    continue;
                }
                // Most steps hold no entry under the prefix: test whole vectors first.
                if (!Vector.EqualsAny(low >> prefixShift, wanted) && !Vector.EqualsAny(high >> prefixShift, wanted)) continue;
                foreach (uint v in bits) if ((v >> prefixShift) == prefix) local[(v >> shift) & binMask]++;
            }
            for (; i < end; i++)
            {
                uint v = Bits(x, b, i, bf16);
                if (all || (v >> prefixShift) == prefix) local[(v >> shift) & binMask]++;
            }
            return local;
        }, local => { lock (gate) for (int j = 0; j < local.Length; j++) total[j] += local[j]; });
        return total;
    }

    /// <summary>The bin holding the k-th largest value, and how many values lie in higher bins.</summary>
    static (int Bin, long Above) Select(long[] histogram, long k)
    {
        long above = 0;
        for (int bin = histogram.Length - 1; bin >= 0; bin--)
        {
            if (above + histogram[bin] >= k) return (bin, above);
            above += histogram[bin];
        }
        throw new InvalidOperationException("radix selection ran past the histogram");
    }
}
