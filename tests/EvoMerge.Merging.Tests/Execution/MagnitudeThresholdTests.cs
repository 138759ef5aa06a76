using EvoMerge.Core.Randomness;
using EvoMerge.Merging.Execution.Fused;
using EvoMerge.Merging.Methods.Tensors;

namespace EvoMerge.Merging.Tests.Execution;

/// <summary>
/// The TIES trim keeps exactly k entries of |x - b|, the largest, ties at the threshold kept from the highest index
/// down. bfloat16 thresholds come from counting a few sampled candidate keys (falling back to the histogram when
/// the sample misleads); every path must keep exactly the entries a full sort keeps.
/// </summary>
public class MagnitudeThresholdTests
{
    const int Elements = 300_007; // above the candidate path's minimum, a ragged tail of blocks and SIMD steps

    static (ushort[] Base, ushort[][] Models) Data(int seed, bool misleadTheSample)
    {
        var rng = new Rng((ulong)seed);
        var b = new ushort[Elements];
        var models = new ushort[3][];
        for (int i = 0; i < Elements; i++) b[i] = DtypeScalars.ToBFloat16Bits((float)rng.NextGaussian());
        for (int m = 0; m < models.Length; m++)
        {
            models[m] = new ushort[Elements];
            for (int i = 0; i < Elements; i++)
            {
                // Deltas on a coarse grid: many entries share each magnitude, so the threshold has many ties.
                float delta = 0.01f * MathF.Round(5 * (float)rng.NextGaussian());
                // Every 61st entry (where the sample looks) far larger than the rest: the sampled estimate is wrong.
                if (misleadTheSample && i % 61 == 0) delta = 50 + (float)rng.NextDouble();
                models[m][i] = DtypeScalars.ToBFloat16Bits(BitConverter.UInt32BitsToSingle((uint)b[i] << 16) + delta);
            }
        }
        return (b, models);
    }

    /// <summary>The entries a full sort keeps: the k largest magnitudes, equal ones ranked by index (higher first).</summary>
    static unsafe bool[] SortedKeeps(ushort* x, ushort* b, long keep)
    {
        var order = Enumerable.Range(0, Elements)
            .Select(i => (Bits: MagnitudeThreshold.Bits((IntPtr)x, (IntPtr)b, i, bf16: true), Index: i))
            .OrderByDescending(e => e.Bits).ThenByDescending(e => e.Index).Take((int)keep);
        var kept = new bool[Elements];
        foreach (var e in order) kept[e.Index] = true;
        return kept;
    }

    [Theory]
    [InlineData(1, false, true)]
    [InlineData(1, false, false)]
    [InlineData(2, true, true)]
    public unsafe void Bfloat16_thresholds_keep_exactly_what_a_sort_keeps(int seed, bool misleadTheSample, bool wideVectors)
    {
        var (b, models) = Data(seed, misleadTheSample);
        long[] keep = [(long)(0.5 * Elements), 37, Elements - 5];
        fixed (ushort* pb = b, x0 = models[0], x1 = models[1], x2 = models[2])
        {
            var x = new[] { (IntPtr)x0, (IntPtr)x1, (IntPtr)x2 };
            var found = MagnitudeThreshold.FindAll(x, (IntPtr)pb, Elements, bf16: true, keep, wideVectors);
            for (int m = 0; m < x.Length; m++)
            {
                var expected = SortedKeeps((ushort*)x[m], pb, keep[m]);
                for (int i = 0; i < Elements; i++)
                {
                    float magnitude = BitConverter.UInt32BitsToSingle(MagnitudeThreshold.Bits(x[m], (IntPtr)pb, i, bf16: true));
                    if (found[m].Keeps(magnitude, i) != expected[i])
                        Assert.Fail($"model {m}, keep {keep[m]}: entry {i} (|d| = {magnitude}) kept {!expected[i]} by the threshold, {expected[i]} by the sort");
                }
            }
        }
    }
}
