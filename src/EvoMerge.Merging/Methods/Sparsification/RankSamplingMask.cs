using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// DELLA's MagPrune: within each row (mergekit ranks along dim 1, a 1-D tensor being one row), the
/// entry of ascending magnitude rank r among c gets keep probability (density - epsilon) +
/// 2 epsilon r / (c - 1), so large magnitudes survive more often. Chunks hold whole rows; each chunk
/// draws from its own seeded streams (see <see cref="RandomKeepMask"/>): on CPU through
/// <see cref="RankSamplingKernel"/>, elsewhere with torch's argsort and uniform_. Ties rank by index
/// (mergekit's argsort orders them arbitrarily). Differences from mergekit: probabilities and draws
/// are at least float32 precision even for bf16 inputs, and a row of one entry gets the middle
/// probability (density) where mergekit divides 0 by 0.
/// </summary>
public sealed class RankSamplingMask : ITaskVectorMask
{
    readonly long[] _chunkSeeds;
    readonly double _density;
    readonly double _epsilon;
    readonly long _rankedLength;   // entries ranked against each other (size of dim 1)
    readonly long _trailing;       // elements per rank position (product of dims after 1)
    readonly long _sliceLength;    // elements per dim-0 slice (= chunk alignment)

    public RankSamplingMask(TaskVectorSource source, double density, double epsilon, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(generator);
        (_sliceLength, _rankedLength, _trailing) = RowLayout(source.Shape);
        _density = density;
        _epsilon = epsilon;
        _chunkSeeds = ChunkSeeds.Draw(source.Chunks.Count, generator);
    }

    /// <summary>(elements per dim-0 slice, size of the ranked dim, elements after it) of a tensor shape.</summary>
    public static (long Slice, long Ranked, long Trailing) RowLayout(long[] shape)
    {
        long numel = shape.Aggregate(1L, (a, b) => a * b);
        if (shape.Length < 2) return (numel, numel, 1);
        long slice = numel / Math.Max(1, shape[0]);
        return (slice, shape[1], shape[1] == 0 ? 0 : slice / shape[1]);
    }

    public void Apply(Tensor deltaChunk, ChunkRange chunk, ChunkWorkspace workspace)
    {
        if (chunk.Length % _sliceLength != 0)
            throw new ArgumentException($"chunk of {chunk.Length} elements does not hold whole rows of {_sliceLength}");
        using var scope = NewDisposeScope();
        var flags = deltaChunk.device_type == DeviceType.CPU
            ? KernelFlags(deltaChunk, chunk, workspace)
            : TorchFlags(deltaChunk, chunk);
        deltaChunk.mul_(flags.dtype == deltaChunk.dtype ? flags : workspace.Get("della/keep-cast", deltaChunk.dtype, chunk.Length).copy_(flags));
    }

    /// <summary>Float32 keep flags of a CPU chunk, from <see cref="RankSamplingKernel"/>.</summary>
    internal Tensor KernelFlags(Tensor deltaChunk, ChunkRange chunk, ChunkWorkspace workspace)
    {
        var flags = workspace.Get("della/keep", ScalarType.Float32, chunk.Length);
        RankSamplingKernel.Fill(deltaChunk.bytes, deltaChunk.dtype, flags.bytes, chunk.Length / _sliceLength,
            checked((int)_rankedLength), checked((int)_trailing), (ulong)_chunkSeeds[chunk.Index], _density, _epsilon);
        return flags;
    }

    /// <summary>Float32 keep flags from torch ops (argsort, scatter, uniform_), for devices other than CPU.</summary>
    internal Tensor TorchFlags(Tensor deltaChunk, ChunkRange chunk)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var device = deltaChunk.device;
        long slices = chunk.Length / _sliceLength;
        var order = deltaChunk.abs().view(slices, _rankedLength, _trailing).argsort(1);
        var rankFraction = _rankedLength > 1
            ? arange(held[0], held[_rankedLength], held[1], ScalarType.Float32, device).div_(held[_rankedLength - 1])
            : full([1], held[0.5], ScalarType.Float32, device);
        var probability = empty([slices, _rankedLength, _trailing], ScalarType.Float32, device)
            .scatter_(1, order, rankFraction.view(1, _rankedLength, 1).expand(slices, _rankedLength, _trailing))
            .mul_(held[2 * _epsilon]).add_(held[_density - _epsilon], held[1]);
        using var generator = new Generator((ulong)_chunkSeeds[chunk.Index], device);
        var keep = rand([slices, _rankedLength, _trailing], ScalarType.Float32, device, generator: generator).lt_(probability);
        return keep.view(-1).MoveToOuterDisposeScope();
    }
}
