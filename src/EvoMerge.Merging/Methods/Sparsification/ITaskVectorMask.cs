using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// A prepared sparsification of one task vector: which entries it keeps is fixed when it is created,
/// so applying it to the same chunk twice gives the same result (the L1 rescale relies on that).
/// </summary>
public interface ITaskVectorMask
{
    /// <summary>
    /// Zeroes, in place, the dropped entries of <paramref name="deltaChunk"/> (the task vector over
    /// <paramref name="chunk"/>), using <paramref name="workspace"/> for temporaries.
    /// </summary>
    void Apply(Tensor deltaChunk, ChunkRange chunk, ChunkWorkspace workspace);
}
