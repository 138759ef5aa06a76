using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// DARE's random drop: each entry is kept with probability density. Every chunk draws from its own
/// stream, seeded from the merge's generator when the mask is created, so the mask is reproducible,
/// independent of how often it is applied, and needs no storage. On CPU the flags come from
/// <see cref="KeepDraws"/>; on other devices from torch's uniform_ with a per-chunk torch generator.
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

    public void Apply(Tensor deltaChunk, ChunkRange chunk, ChunkWorkspace workspace)
    {
        using var scope = NewDisposeScope();
        // Flags in float32 whatever the dtype: a bf16 uniform would make the keep rate coarse.
        var keep = workspace.Get("dare/keep", ScalarType.Float32, chunk.Length);
        if (deltaChunk.device_type == DeviceType.CPU) KeepDraws.Fill(keep.bytes, (ulong)_chunkSeeds[chunk.Index], _density);
        else TorchFlags(keep, chunk);
        if (deltaChunk.dtype != ScalarType.Float32)
            keep = workspace.Get("dare/keep-cast", deltaChunk.dtype, chunk.Length).copy_(keep);
        deltaChunk.mul_(keep);
    }

    /// <summary>Fills float32 <paramref name="flags"/> with torch's uniform_ and a per-chunk torch generator (devices other than CPU).</summary>
    internal void TorchFlags(Tensor flags, ChunkRange chunk)
    {
        using var generator = new Generator((ulong)_chunkSeeds[chunk.Index], flags.device);
        using var held = new HeldScalars();
        flags.uniform_(0, 1, generator).lt_(held[_density]);
    }
}
