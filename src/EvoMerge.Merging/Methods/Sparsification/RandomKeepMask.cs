using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// DARE's random drop: each entry is kept when a uniform draw is below the density. Every chunk draws
/// from its own generator seeded from the merge's generator when the mask is created, so the mask is
/// reproducible, independent of how often it is applied, and needs no storage.
/// </summary>
public sealed class RandomKeepMask : ITaskVectorMask
{
    readonly long[] _chunkSeeds;
    readonly double _density;

    public RandomKeepMask(IReadOnlyList<ChunkRange> chunks, double density, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(generator);
        if (!(density > 0 && density <= 1)) throw new ArgumentOutOfRangeException(nameof(density), density, "must lie in (0, 1]");
        _density = density;
        _chunkSeeds = ChunkSeeds.Draw(chunks.Count, generator);
    }

    public void Apply(Tensor deltaChunk, ChunkRange chunk)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)_chunkSeeds[chunk.Index], deltaChunk.device);
        // Uniforms in float32 whatever the dtype: a bf16 uniform would make the keep rate coarse.
        var keep = rand([chunk.Length], ScalarType.Float32, deltaChunk.device, generator: generator).lt_(_density);
        deltaChunk.mul_(keep.dtype == deltaChunk.dtype ? keep : keep.to(deltaChunk.dtype));
    }
}
