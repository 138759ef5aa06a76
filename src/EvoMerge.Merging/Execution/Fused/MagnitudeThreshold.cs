using System.Numerics;
using System.Runtime.CompilerServices;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// The magnitude threshold that keeps exactly <c>k</c> entries of |x - b| (the TIES trim), found in
/// linear time by radix selection on the float bits (non-negative floats order like their bit
/// patterns): a histogram of the high 15 bits (below the sign) finds the bin holding the k-th
/// largest, and for float32 a histogram of the low 16 bits under that prefix finds the exact value
/// (bfloat16 values have no low bits, so one pass suffices). Several task vectors are handled in
/// the same passes, reading the base once. Entries equal to the threshold are ranked by index like
/// the TorchSharp methods (ascending magnitude, ties by index, the top k ranks kept): the ties with
/// the highest indices are kept, i.e. every tie from one index on.
/// </summary>
internal sealed class MagnitudeThreshold
{
    /// <summary>Entries with |d| above this are kept.</summary>
    public float Threshold { get; private init; }
    /// <summary>Entries with |d| equal to <see cref="Threshold"/> are kept from this index on (0: all of them).</summary>
    public long FirstKeptTie { get; private init; }
    /// <summary>No entry kept at all (k = 0).</summary>
    public bool KeepNone { get; private init; }

    /// <summary>Whether an entry of magnitude <paramref name="magnitude"/> at <paramref name="index"/> survives the trim.</summary>
    public bool Keeps(float magnitude, long index) =>
        !KeepNone && (magnitude > Threshold || (magnitude == Threshold && index >= FirstKeptTie));

    const int HighShift = 16, HighBins = 1 << 15, LowBins = 1 << 16;

    /// <summary>Largest element count one parallel histogram pass covers, so per-thread int counts cannot overflow.</summary>
    const long PassElements = 1L << 30;

    public static MagnitudeThreshold Find(IntPtr x, IntPtr b, long elements, bool bf16, long k) =>
        FindAll([x], b, elements, bf16, [k])[0];

    /// <summary>The threshold keeping <paramref name="keep"/>[m] entries of |x[m] - b|, for every m.</summary>
    /// <param name="wideVectors">bfloat16 counting in 512-bit vectors; null: where the CPU runs them.</param>
    public static MagnitudeThreshold[] FindAll(IntPtr[] x, IntPtr b, long elements, bool bf16, long[] keep, bool? wideVectors = null)
    {
        var result = new MagnitudeThreshold[x.Length];
        var active = new List<int>();
        for (int m = 0; m < x.Length; m++)
        {
            if (keep[m] <= 0) result[m] = new MagnitudeThreshold { KeepNone = true };
            else if (keep[m] >= elements) result[m] = new MagnitudeThreshold { Threshold = -1 };
            else active.Add(m);
        }
        if (active.Count == 0) return result;
        int n = active.Count;
        var thresholdBits = new uint[n];
        var remaining = new long[n];
        var ties = new long[n];
        var tiesPerBlock = new long[n][];
        var pending = Enumerable.Range(0, n).ToList();
        if (bf16)
        {
            var selected = CandidateKeyCounts.TrySelect([.. active.Select(m => x[m])], b, elements, [.. active.Select(m => keep[m])],
                wideVectors ?? WideBf16Lanes.IsAccelerated);
            for (int j = 0; j < n; j++)
                if (selected[j] is { } s)
                    (thresholdBits[j], remaining[j], ties[j], tiesPerBlock[j]) = (s.ThresholdBits, keep[active[j]] - s.Above, s.Ties, s.TiesPerBlock);
            pending.RemoveAll(j => selected[j] != null);
        }
        if (pending.Count > 0)
        {
            var found = HistogramSelect([.. pending.Select(j => x[active[j]])], b, elements, bf16, [.. pending.Select(j => keep[active[j]])]);
            for (int p = 0; p < pending.Count; p++) (thresholdBits[pending[p]], remaining[pending[p]], ties[pending[p]]) = found[p];
        }

        // Ties at the threshold beyond the quota: the lowest-index ones are dropped.
        var partial = Enumerable.Range(0, n).Where(j => remaining[j] < ties[j]).ToArray();
        var firstKept = new long[n];
        // Where the candidate pass counted each block's ties, only the block holding the first kept one is read again.
        foreach (var j in partial.Where(j => tiesPerBlock[j] != null))
            firstKept[j] = FirstKeptTies([x[active[j]]], b, elements, bf16, [thresholdBits[j]], [ties[j] - remaining[j]], tiesPerBlock[j])[0];
        var uncounted = partial.Where(j => tiesPerBlock[j] == null).ToArray();
        if (uncounted.Length > 0)
        {
            var found = FirstKeptTies([.. uncounted.Select(j => x[active[j]])], b, elements, bf16,
                [.. uncounted.Select(j => thresholdBits[j])], [.. uncounted.Select(j => ties[j] - remaining[j])], tiesPerBlock: null);
            for (int p = 0; p < uncounted.Length; p++) firstKept[uncounted[p]] = found[p];
        }
        for (int j = 0; j < n; j++)
            result[active[j]] = new MagnitudeThreshold { Threshold = BitConverter.UInt32BitsToSingle(thresholdBits[j]), FirstKeptTie = firstKept[j] };
        return result;
    }

    /// <summary>Per model, by radix selection over histograms: the threshold's bits, how many of k it keeps at most, and its ties.</summary>
    static (uint Bits, long Remaining, long Ties)[] HistogramSelect(IntPtr[] xs, IntPtr b, long elements, bool bf16, long[] keep)
    {
        int n = xs.Length;
        // High 15 bits: the bin of the k-th largest, and how many of k remain inside it.
        var high = Histogram(xs, b, elements, bf16, HighBins, prefixes: null);
        var prefixes = new uint[n];
        var remaining = new long[n];
        var ties = new long[n];
        for (int j = 0; j < n; j++)
        {
            var (bin, above) = Select(high, j * HighBins, HighBins, keep[j]);
            prefixes[j] = (uint)bin;
            remaining[j] = keep[j] - above;
            ties[j] = high[j * HighBins + bin];
        }
        var thresholdBits = prefixes.Select(p => p << HighShift).ToArray();
        if (!bf16)
        {
            // Low 16 bits, counting only the entries under each model's prefix.
            var low = Histogram(xs, b, elements, bf16, LowBins, prefixes);
            for (int j = 0; j < n; j++)
            {
                var (bin, above) = Select(low, j * LowBins, LowBins, remaining[j]);
                thresholdBits[j] |= (uint)bin;
                remaining[j] -= above;
                ties[j] = low[j * LowBins + bin];
            }
        }
        return [.. Enumerable.Range(0, n).Select(j => (thresholdBits[j], remaining[j], ties[j]))];
    }

    /// <summary>Per model: the index of the tie ranked <paramref name="dropped"/> in index order (the first one kept).</summary>
    /// <param name="tiesPerBlock">The ties of each block when a pass already counted them (one model only); null: counted here.</param>
    static unsafe long[] FirstKeptTies(IntPtr[] x, IntPtr b, long elements, bool bf16, uint[] thresholdBits, long[] dropped, long[]? tiesPerBlock)
    {
        int n = x.Length;
        long blocks = FusedKernels.BlockCount(elements);
        var perBlock = tiesPerBlock ?? new long[n * blocks];
        if (tiesPerBlock == null) FusedKernels.ForBlocks(elements, (block, start, end) =>
        {
            var counts = new Vector<int>[n];
            var targets = thresholdBits.Select(t => new Vector<uint>(t)).ToArray();
            long i = start;
            for (; i + Lanes.Step <= end; i += Lanes.Step)
            {
                Lanes.LoadAnyOrder((byte*)b, i, bf16, out var b0, out var b1);
                for (int m = 0; m < n; m++)
                {
                    AbsDeltaBits((byte*)x[m], i, b0, b1, bf16, out var lo, out var hi);
                    // Equal lanes are all ones (-1): subtracting counts them.
                    counts[m] -= Vector.AsVectorInt32(Vector.Equals(lo, targets[m])) + Vector.AsVectorInt32(Vector.Equals(hi, targets[m]));
                }
            }
            for (int m = 0; m < n; m++)
            {
                long count = Vector.Sum(counts[m]);
                for (long t = i; t < end; t++) if (Bits(x[m], b, t, bf16) == thresholdBits[m]) count++;
                perBlock[m * blocks + block] = count;
            }
        });
        var result = new long[n];
        for (int m = 0; m < n; m++)
        {
            long before = 0, block = 0;
            while (before + perBlock[m * blocks + block] <= dropped[m]) before += perBlock[m * blocks + block++];
            var (start, end) = FusedKernels.BlockRange(block, elements);
            for (long i = start; i < end; i++)
            {
                if (Bits(x[m], b, i, bf16) != thresholdBits[m]) continue;
                if (before++ == dropped[m]) { result[m] = i; break; }
            }
        }
        return result;
    }

    /// <summary>Bits of |round(x - b)| for <see cref="Lanes.Step"/> entries from <paramref name="i"/> (in <see cref="Lanes.LoadAnyOrder"/> order), the base already loaded.</summary>
    internal static unsafe void AbsDeltaBits(byte* x, long i, Vector<float> b0, Vector<float> b1, bool bf16, out Vector<uint> low, out Vector<uint> high)
    {
        // Histograms and tie counts ignore the order of entries: load without widening shuffles.
        Lanes.LoadAnyOrder(x, i, bf16, out var x0, out var x1);
        var mask = new Vector<uint>(0x7FFFFFFFu);
        var d0 = x0 - b0;
        var d1 = x1 - b1;
        if (bf16) { d0 = Lanes.RoundBF16(d0); d1 = Lanes.RoundBF16(d1); }
        low = Vector.AsVectorUInt32(d0) & mask;
        high = Vector.AsVectorUInt32(d1) & mask;
    }

    /// <summary>Bits of |round(x_i - b_i)| in the compute dtype, as a float32 pattern.</summary>
    public static unsafe uint Bits(IntPtr x, IntPtr b, long i, bool bf16)
    {
        float d = Lanes.RoundScalar(Lanes.LoadScalar((byte*)x, i, bf16) - Lanes.LoadScalar((byte*)b, i, bf16), bf16);
        return BitConverter.SingleToUInt32Bits(d) & 0x7FFFFFFFu;
    }

    /// <summary>
    /// Per model (bins consecutive counts each): without <paramref name="prefixes"/>, a histogram of
    /// the high 15 bits of every entry; with them, of the low 16 bits of the entries whose high bits
    /// equal the model's prefix.
    /// </summary>
    static unsafe long[] Histogram(IntPtr[] x, IntPtr b, long elements, bool bf16, int bins, uint[]? prefixes)
    {
        int n = x.Length;
        var total = new long[n * bins];
        object gate = new();
        // At most one task per core, so one histogram each (unbounded, a task per block could allocate one per block).
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        for (long passStart = 0; passStart < elements; passStart += PassElements)
        {
            long passElements = Math.Min(PassElements, elements - passStart);
            long firstBlock = passStart / FusedKernels.BlockElements;
            Parallel.For(0L, FusedKernels.BlockCount(passElements), parallel, () => new int[n * bins], (relativeBlock, _, local) =>
            {
                var (start, end) = FusedKernels.BlockRange(firstBlock + relativeBlock, elements);
                if (prefixes == null) HighBlock(x, b, start, end, bf16, local);
                else LowBlock(x, b, start, end, bf16, prefixes, local);
                return local;
            }, local => { lock (gate) for (int j = 0; j < local.Length; j++) total[j] += local[j]; });
        }
        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static unsafe void HighBlock(IntPtr[] x, IntPtr b, long start, long end, bool bf16, int[] counts)
    {
        int n = x.Length;
        Span<uint> bits = stackalloc uint[Lanes.Step];
        int half = Vector<uint>.Count;
        fixed (int* histogram = counts)
        {
            long i = start;
            for (; i + Lanes.Step <= end; i += Lanes.Step)
            {
                Lanes.LoadAnyOrder((byte*)b, i, bf16, out var b0, out var b1);
                for (int m = 0; m < n; m++)
                {
                    AbsDeltaBits((byte*)x[m], i, b0, b1, bf16, out var lo, out var hi);
                    (lo >> HighShift).CopyTo(bits);
                    (hi >> HighShift).CopyTo(bits[half..]);
                    int* h = histogram + m * HighBins;
                    foreach (uint v in bits) h[v]++;
                }
            }
            for (; i < end; i++)
                for (int m = 0; m < n; m++) histogram[m * HighBins + (Bits(x[m], b, i, bf16) >> HighShift)]++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static unsafe void LowBlock(IntPtr[] x, IntPtr b, long start, long end, bool bf16, uint[] prefixes, int[] counts)
    {
        int n = x.Length;
        Span<uint> bits = stackalloc uint[Lanes.Step];
        int half = Vector<uint>.Count;
        var wanted = prefixes.Select(p => new Vector<uint>(p)).ToArray();
        fixed (int* histogram = counts)
        {
            long i = start;
            for (; i + Lanes.Step <= end; i += Lanes.Step)
            {
                Lanes.LoadAnyOrder((byte*)b, i, bf16, out var b0, out var b1);
                for (int m = 0; m < n; m++)
                {
                    AbsDeltaBits((byte*)x[m], i, b0, b1, bf16, out var lo, out var hi);
                    // Most steps hold no entry under the prefix: test whole vectors first.
                    if (!Vector.EqualsAny(lo >> HighShift, wanted[m]) && !Vector.EqualsAny(hi >> HighShift, wanted[m])) continue;
                    lo.CopyTo(bits);
                    hi.CopyTo(bits[half..]);
                    int* h = histogram + m * LowBins;
                    foreach (uint v in bits) if (v >> HighShift == prefixes[m]) h[v & (LowBins - 1)]++;
                }
            }
            for (; i < end; i++)
                for (int m = 0; m < n; m++)
                {
                    uint v = Bits(x[m], b, i, bf16);
                    if (v >> HighShift == prefixes[m]) histogram[m * LowBins + (v & (LowBins - 1))]++;
                }
        }
    }

    /// <summary>Within histogram[offset, offset + bins): the bin holding the k-th largest value, and how many values lie in higher bins.</summary>
    static (int Bin, long Above) Select(long[] histogram, int offset, int bins, long k)
    {
        long above = 0;
        for (int bin = bins - 1; bin >= 0; bin--)
        {
            if (above + histogram[offset + bin] >= k) return (bin, above);
            above += histogram[offset + bin];
        }
        throw new InvalidOperationException("radix selection ran past the histogram");
    }
}
