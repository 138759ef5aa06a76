using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// DARE's Bernoulli(density) keep bits, one bit per entry. Each block of <see cref="FusedKernels.BlockElements"/>
/// entries draws from its own xoshiro256** stream (<see cref="Rng"/>, seeded from the tensor's seed and the
/// block), so the bits do not depend on which thread runs which block; one 64-bit draw gives two 24-bit ones,
/// kept when below density * 2^24. Four whole blocks are drawn at once, one stream per 64-bit vector lane: the
/// same numbers as four <see cref="Rng"/> instances, without the serial dependency of one stream.
/// </summary>
internal static class KeepBitDraws
{
    const int WordsPerBlock = (int)(FusedKernels.BlockElements / 64);
    const int Streams = 4;

    /// <summary>The draw threshold for <paramref name="density"/>: a 24-bit draw below it keeps the entry.</summary>
    public static uint Threshold(double density) => (uint)Math.Ceiling(density * 16777216.0);

    /// <summary>The seed of one block's stream.</summary>
    public static ulong BlockSeed(ulong seed, long block) => SeedMix.Finalize(seed ^ (0xD1B54A32D192ED03UL * (ulong)(block + 1)));

    /// <summary>Keep bits of blocks [firstBlock, firstBlock + blocks) of a tensor of <paramref name="elements"/> entries into <paramref name="bits"/>.</summary>
    public static void Draw(ulong seed, uint threshold, long elements, long firstBlock, int blocks, ulong[] bits)
    {
        int block = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; block + Streams <= blocks && (firstBlock + block + Streams) * FusedKernels.BlockElements <= elements; block += Streams)
                DrawFour(seed, threshold, firstBlock + block, bits);
        for (; block < blocks; block++) DrawOne(seed, threshold, elements, firstBlock + block, bits);
    }

    /// <summary>One block from one <see cref="Rng"/>: the definition the vector lanes reproduce.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DrawOne(ulong seed, uint threshold, long elements, long block, ulong[] bits)
    {
        var (start, end) = FusedKernels.BlockRange(block, elements);
        var rng = new Rng(BlockSeed(seed, block));
        for (long word = start >> 6; word < (end + 63) >> 6; word++)
        {
            ulong flags = 0;
            for (int j = 0; j < 64; j += 2)
            {
                // Branch-free: a draw below the threshold makes the difference negative, its sign bit the flag.
                ulong r = rng.NextUInt64();
                flags |= ((ulong)((long)(r >> 40) - threshold) >> 63) << j;
                flags |= ((ulong)((long)((r >> 16) & 0xFFFFFF) - threshold) >> 63) << (j + 1);
            }
            bits[word] = flags;
        }
        if (end % 64 != 0) bits[(end - 1) >> 6] &= (1UL << (int)(end % 64)) - 1; // no bits past the tensor
    }

    /// <summary>Four whole blocks from <paramref name="firstBlock"/> on, one stream per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void DrawFour(ulong seed, uint threshold, long firstBlock, ulong[] bits)
    {
        Span<ulong> state = stackalloc ulong[4 * Streams];
        for (int lane = 0; lane < Streams; lane++)
        {
            var s = new Rng(BlockSeed(seed, firstBlock + lane)).State;
            (state[lane], state[Streams + lane], state[2 * Streams + lane], state[3 * Streams + lane]) = (s.S0, s.S1, s.S2, s.S3);
        }
        var s0 = Vector256.Create<ulong>(state[..4]);
        var s1 = Vector256.Create<ulong>(state[4..8]);
        var s2 = Vector256.Create<ulong>(state[8..12]);
        var s3 = Vector256.Create<ulong>(state[12..16]);
        var limit = Vector256.Create((long)threshold);
        var low24 = Vector256.Create(0xFFFFFFUL);
        long firstWord = firstBlock * WordsPerBlock;
        for (int word = 0; word < WordsPerBlock; word++)
        {
            var flags = Vector256<ulong>.Zero;
            for (int j = 0; j < 64; j += 2)
            {
                // xoshiro256**: rotl(s1 * 5, 7) * 9, the multiplications as shifts and adds (no 64-bit lane multiply in AVX2).
                var times5 = (s1 << 2) + s1;
                var rotated = (times5 << 7) | (times5 >>> 57);
                var r = (rotated << 3) + rotated;
                var t = s1 << 17;
                s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
                s2 ^= t;
                s3 = (s3 << 45) | (s3 >>> 19);
                var high = (r >>> 40).AsInt64() - limit;
                var middle = ((r >>> 16) & low24).AsInt64() - limit;
                flags |= ((high.AsUInt64() >>> 63) << j) | ((middle.AsUInt64() >>> 63) << (j + 1));
            }
            for (int lane = 0; lane < Streams; lane++) bits[firstWord + lane * WordsPerBlock + word] = flags.GetElement(lane);
        }
    }
}
