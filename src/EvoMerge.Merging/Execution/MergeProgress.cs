namespace EvoMerge.Merging.Execution;

/// <summary>How far a merge is: tensors and output bytes done out of the totals.</summary>
public readonly record struct MergeProgress(int TensorsDone, int TensorsTotal, long BytesDone, long BytesTotal, string CurrentTensor);
