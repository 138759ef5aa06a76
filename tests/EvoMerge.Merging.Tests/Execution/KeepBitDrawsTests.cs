using EvoMerge.Merging.Execution.Fused;

namespace EvoMerge.Merging.Tests.Execution;

/// <summary>
/// DARE's keep bits are drawn four blocks at a time, one xoshiro256** stream per vector lane; they must be the
/// bits one <see cref="EvoMerge.Core.Randomness.Rng"/> per block draws, so merges stay as they were.
/// </summary>
public class KeepBitDrawsTests
{
    [Theory]
    [InlineData(0.3, 9 * FusedKernels.BlockElements + 100)] // two groups of four, a whole block and a ragged one
    [InlineData(0.9, 4 * FusedKernels.BlockElements)]
    [InlineData(1.0, 5 * FusedKernels.BlockElements - 1)]
    public void Four_streams_at_once_draw_the_bits_of_one_stream_per_block(double density, long elements)
    {
        const ulong seed = 0x5EED;
        uint threshold = KeepBitDraws.Threshold(density);
        long blocks = FusedKernels.BlockCount(elements);
        var together = new ulong[(elements + 63) / 64];
        var oneByOne = new ulong[together.Length];
        KeepBitDraws.Draw(seed, threshold, elements, 0, (int)blocks, together);
        for (long block = 0; block < blocks; block++) KeepBitDraws.DrawOne(seed, threshold, elements, block, oneByOne);
        Assert.Equal(oneByOne, together);
        // A run that starts at a later block draws that block's own bits.
        var later = new ulong[together.Length];
        KeepBitDraws.Draw(seed, threshold, elements, 1, (int)blocks - 1, later);
        Assert.Equal(oneByOne.Skip((int)(FusedKernels.BlockElements / 64)), later.Skip((int)(FusedKernels.BlockElements / 64)));
        long kept = together.Sum(w => (long)ulong.PopCount(w));
        Assert.InRange(kept, (long)(density * elements - 5 * Math.Sqrt(elements)), (long)(density * elements + 5 * Math.Sqrt(elements)));
    }
}
