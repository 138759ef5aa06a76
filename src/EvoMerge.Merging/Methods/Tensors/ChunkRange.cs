namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>A run of elements [Start, Start + Length) of a flattened tensor; Index counts chunks from 0.</summary>
public readonly record struct ChunkRange(int Index, long Start, long Length);
