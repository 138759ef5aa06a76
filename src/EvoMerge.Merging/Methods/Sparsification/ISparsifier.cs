using EvoMerge.Merging.Methods.Tensors;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>Prepares the mask of one task vector from its global statistics (order statistics, seeds).</summary>
public interface ISparsifier
{
    /// <summary>Chunk lengths must be multiples of this (row-wise methods need whole rows); 1 = any.</summary>
    long ChunkAlignment(long[] shape) => 1;

    /// <summary>The mask, or null when everything is kept unchanged (density 1: mergekit returns the task vector as is).</summary>
    ITaskVectorMask? Prepare(TaskVectorSource source, SparsificationSettings settings);
}
