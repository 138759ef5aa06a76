using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>Keeps nothing: the task vector does not contribute to this tensor.</summary>
public sealed class DropAllMask : ITaskVectorMask
{
    public void Apply(Tensor deltaChunk, ChunkRange chunk, ChunkWorkspace workspace) => deltaChunk.zero_();
}
