using EvoMerge.Core.Randomness;
using EvoMerge.Merging.Methods.Tensors;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// Bernoulli keep flags for DARE on CPU, written straight into a float32 buffer: each flag compares
/// 24 random bits u with density * 2^24, which keeps with the same probability as torch's float32
/// uniform &lt; density (ceil(density * 2^24) / 2^24) at a fraction of the cost of its serial Mersenne
/// Twister. Each block of <see cref="BlockParallel.BlockElements"/> flags has its own stream derived
/// from the seed, so blocks fill in parallel and the flags never depend on the thread count.
/// </summary>
public static class KeepDraws
{
    const double TwoTo24 = 16777216.0;
    const ulong BlockSeedStep = SeedMix.GoldenGamma;   // Rng expands seeds with SplitMix64

    /// <summary>Fills <paramref name="flags"/> (float32 values) with 1 (kept) or 0, from streams seeded with <paramref name="seed"/>.</summary>
    public static unsafe void Fill(Span<byte> flags, ulong seed, double density)
    {
        if (!(density > 0 && density <= 1)) throw new ArgumentOutOfRangeException(nameof(density), density, "must lie in (0, 1]");
        int threshold = (int)Math.Ceiling(density * TwoTo24);
        int count = flags.Length / sizeof(float);
        fixed (byte* bytes = flags)
        {
            var values = (float*)bytes;
            BlockParallel.For(count, (block, start, length) =>
                FillBlock(new Span<float>(values + start, length), seed + (ulong)block * BlockSeedStep, threshold));
        }
    }

    static void FillBlock(Span<float> values, ulong seed, int threshold)
    {
        var rng = new Rng(seed);
        int i = 0;
        // Branch-free: (u - threshold) is negative exactly when u < threshold, and its sign bit is the flag.
        for (; i + 1 < values.Length; i += 2)
        {
            ulong bits = rng.NextUInt64();   // two draws of 24 bits from the high (best) bits
            values[i] = (uint)((int)(bits >> 40) - threshold) >> 31;
            values[i + 1] = (uint)((int)((bits >> 16) & 0xFF_FFFF) - threshold) >> 31;
        }
        if (i < values.Length)
            values[i] = (uint)((int)(rng.NextUInt64() >> 40) - threshold) >> 31;
    }
}
