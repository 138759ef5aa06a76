using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// bfloat16 trim thresholds without a 32,768-bin histogram. A |x - b| of bfloat16 inputs is itself a bfloat16, so
/// its magnitude is a 15-bit key, and a sample of the tensor points at the few consecutive keys around
/// each model's threshold. One vector pass then counts, per block, the entries at or above each of those keys
/// (a compare and a subtract per key and vector, instead of a scattered increment per entry). When the k-th largest
/// lies among them, the threshold, the entries above it and its ties follow exactly, and the per-block tie counts
/// locate the first kept tie without another pass. A sample that misled is detected by the counts, and the model
/// is then left to the full histogram, so the result never depends on the sample.
/// </summary>
internal static unsafe class CandidateKeyCounts
{
    /// <summary>Consecutive keys counted per model; the threshold must lie among the first <c>Keys - 1</c>.</summary>
    const int Keys = 9;
    /// <summary>
    /// The sample: runs of 256 consecutive entries (a few cache lines; single entries far apart would cost a read
    /// of nearly every line), one run every 16,411 entries (1/64 of the tensor; a prime, so the runs move across
    /// the columns of a matrix instead of always sampling the same ones).
    /// </summary>
    const int SampleRun = 256, SampleStride = 16_411;
    /// <summary>Below this many entries the sample is too small to be worth it.</summary>
    const long MinElements = 1L << 18;

    /// <summary>What the pass found for one model.</summary>
    internal readonly record struct Selection(uint ThresholdBits, long Above, long Ties, long[] TiesPerBlock);

    /// <summary>Per model, the selection keeping <paramref name="keep"/>[m] entries, or null where the candidates missed it.</summary>
    /// <param name="wide">Count in 512-bit vectors (where AVX-512 runs them), else in <see cref="Lanes"/>.</param>
    public static Selection?[] TrySelect(IntPtr[] x, IntPtr b, long elements, long[] keep, bool wide)
    {
        int n = x.Length;
        var result = new Selection?[n];
        if (elements < MinElements) return result;
        var lowest = new uint[n];
        for (int m = 0; m < n; m++) lowest[m] = SampledKey(x[m], b, elements, keep[m]);

        long blocks = FusedKernels.BlockCount(elements);
        // counts[(m * Keys + j) * blocks + block]: entries of the block whose key is at least lowest[m] + j.
        var counts = new long[n * Keys * blocks];
        FusedKernels.ForBlocks(elements, (block, start, end) =>
        {
            for (int m = 0; m < n; m++) CountBlock(x[m], b, start, end, lowest[m], counts, m * Keys * blocks + block, blocks, wide);
        });

        for (int m = 0; m < n; m++)
        {
            var atLeast = new long[Keys];
            for (int j = 0; j < Keys; j++)
                for (long block = 0; block < blocks; block++) atLeast[j] += counts[(m * Keys + j) * blocks + block];
            for (int j = 0; j + 1 < Keys; j++)
            {
                if (atLeast[j] < keep[m] || atLeast[j + 1] >= keep[m]) continue;
                var tiesPerBlock = new long[blocks];
                for (long block = 0; block < blocks; block++)
                    tiesPerBlock[block] = counts[(m * Keys + j) * blocks + block] - counts[(m * Keys + j + 1) * blocks + block];
                result[m] = new Selection((lowest[m] + (uint)j) << 16, atLeast[j + 1], atLeast[j] - atLeast[j + 1], tiesPerBlock);
                break;
            }
        }
        return result;
    }

    /// <summary>
    /// The lowest key to count: a few keys below the sample's estimate of the k-th largest, so that the estimate
    /// sits in the middle of the window (the sample's rank error is a fraction of one key's share of the entries).
    /// </summary>
    static uint SampledKey(IntPtr x, IntPtr b, long elements, long keep)
    {
        var histogram = new int[1 << 15];
        long sampled = 0;
        for (long run = 0; run < elements; run += SampleStride)
            for (long i = run; i < Math.Min(elements, run + SampleRun); i++, sampled++) histogram[MagnitudeThreshold.Bits(x, b, i, bf16: true) >> 16]++;
        long rank = Math.Max(1, (long)Math.Round((double)keep / elements * sampled)), above = 0;
        int key = histogram.Length - 1;
        for (; key > 0; key--)
        {
            above += histogram[key];
            if (above >= rank) break;
        }
        return (uint)Math.Clamp(key - (Keys - 1) / 2, 0, (1 << 15) - Keys);
    }

    /// <summary>Entries [start, end) counted at or above lowest + j for every j, into counts[offset + j * stride].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void CountBlock(IntPtr x, IntPtr b, long start, long end, uint lowest, long[] counts, long offset, long stride, bool wide)
    {
        // A rounded bfloat16 magnitude has its low 16 bits zero, so comparing the float32 patterns compares the keys.
        Span<Vector<uint>> limits = stackalloc Vector<uint>[Keys];
        Span<Vector<int>> atLeast = stackalloc Vector<int>[Keys];
        for (int j = 0; j < Keys; j++) limits[j] = new Vector<uint>((lowest + (uint)j) << 16);
        long i = start;
        Span<long> wideCounts = stackalloc long[Keys];
        if (wide) i = CountWide(x, b, start, end, lowest, wideCounts);
        for (; i + Lanes.Step <= end; i += Lanes.Step)
        {
            Lanes.LoadAnyOrder((byte*)b, i, bf16: true, out var b0, out var b1);
            MagnitudeThreshold.AbsDeltaBits((byte*)x, i, b0, b1, bf16: true, out var low, out var high);
            // Matching lanes are all ones (-1): subtracting counts them.
            for (int j = 0; j < Keys; j++)
                atLeast[j] -= Vector.AsVectorInt32(Vector.GreaterThanOrEqual(low, limits[j])) + Vector.AsVectorInt32(Vector.GreaterThanOrEqual(high, limits[j]));
        }
        for (int j = 0; j < Keys; j++)
        {
            long count = wideCounts[j] + Vector.Sum(atLeast[j]);
            uint limit = (lowest + (uint)j) << 16;
            for (long t = i; t < end; t++) if (MagnitudeThreshold.Bits(x, b, t, bf16: true) >= limit) count++;
            counts[offset + j * stride] = count;
        }
    }

    /// <summary>Whole 512-bit steps of <see cref="CountBlock"/> from <paramref name="start"/> into <paramref name="counts"/>; returns where they stop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static long CountWide(IntPtr x, IntPtr b, long start, long end, uint lowest, Span<long> counts)
    {
        Span<Vector512<uint>> limits = stackalloc Vector512<uint>[Keys];
        Span<Vector512<int>> atLeast = stackalloc Vector512<int>[Keys];
        for (int j = 0; j < Keys; j++) limits[j] = Vector512.Create((lowest + (uint)j) << 16);
        var magnitude = Vector512.Create(0x7FFFFFFFu);
        long i = start;
        for (; i + WideBf16Lanes.Step <= end; i += WideBf16Lanes.Step)
        {
            WideBf16Lanes.Load((byte*)b, i, out var b0, out var b1);
            WideBf16Lanes.Load((byte*)x, i, out var x0, out var x1);
            var low = WideBf16Lanes.Round(x0 - b0).AsUInt32() & magnitude;
            var high = WideBf16Lanes.Round(x1 - b1).AsUInt32() & magnitude;
            for (int j = 0; j < Keys; j++)
                atLeast[j] -= Vector512.GreaterThanOrEqual(low, limits[j]).AsInt32() + Vector512.GreaterThanOrEqual(high, limits[j]).AsInt32();
        }
        for (int j = 0; j < Keys; j++) counts[j] = Vector512.Sum(atLeast[j]);
        return i;
    }
}
