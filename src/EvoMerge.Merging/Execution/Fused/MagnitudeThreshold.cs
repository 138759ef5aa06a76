using System.Numerics;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// The magnitude threshold that keeps exactly <c>k</c> entries of |x - b| (the TIES trim), found in
/// linear time by a two-level radix selection on the float bits (non-negative floats order like
/// their bit patterns): a histogram of the high 16 bits finds the bin holding the k-th largest, a
/// second histogram of the low bits inside that bin finds the exact value. Entries equal to the
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

        // Level 1: high 16 bits.
        var high = Histogram(x, b, elements, bf16, highBin: -1);
        (int highBin, long aboveHigh) = Select(high, k);
        // Level 2: low 16 bits inside the chosen bin.
        var low = Histogram(x, b, elements, bf16, highBin);
        (int lowBin, long aboveLow) = Select(low, k - aboveHigh);
        uint thresholdBits = ((uint)highBin << 16) | (uint)lowBin;
        float threshold = BitConverter.UInt32BitsToSingle(thresholdBits);
        long needTies = k - aboveHigh - aboveLow;
        long ties = low[lowBin];
        if (needTies == ties) return new MagnitudeThreshold { Threshold = threshold, KeepAllTies = true };

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

    /// <summary>Histogram of the high 16 bits (highBin &lt; 0), or of the low 16 bits of entries in <paramref name="highBin"/>.</summary>
    static long[] Histogram(IntPtr x, IntPtr b, long elements, bool bf16, int highBin)
    {
        var total = new long[1 << 16];
        object gate = new();
        Parallel.For(0L, FusedKernels.BlockCount(elements), () => new long[1 << 16], (block, _, local) =>
        {
            var (start, end) = FusedKernels.BlockRange(block, elements);
            Span<uint> bits = stackalloc uint[Lanes.Step];
            long i = start;
            for (; i + Lanes.Step <= end; i += Lanes.Step)
            {
                AbsDeltaBits(x, b, i, bf16, bits, out var low0, out var low1);
                if (highBin < 0)
                {
                    foreach (uint v in bits) local[v >> 16]++;
                    continue;
                }
                // Most steps hold no entry of the chosen bin: test whole vectors first.
                var bin = new Vector<uint>((uint)highBin);
                if (!Vector.EqualsAny(low0 >> 16, bin) && !Vector.EqualsAny(low1 >> 16, bin)) continue;
                foreach (uint v in bits) if ((v >> 16) == (uint)highBin) local[v & 0xFFFF]++;
            }
            for (; i < end; i++)
            {
                uint v = Bits(x, b, i, bf16);
                if (highBin < 0) local[v >> 16]++;
                else if ((v >> 16) == (uint)highBin) local[v & 0xFFFF]++;
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
