using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>Per-chunk seeds drawn from the merge's generator, so each chunk's draws can be replayed.</summary>
public static class ChunkSeeds
{
    public static long[] Draw(int count, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using var seeds = randint(0, long.MaxValue, [count], ScalarType.Int64, generator.device, generator: generator);
        using var onHost = seeds.cpu();
        return onHost.data<long>().ToArray();
    }
}
