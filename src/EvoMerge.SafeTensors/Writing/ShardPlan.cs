namespace EvoMerge.SafeTensors;

/// <summary>A tensor's place in its shard's data buffer.</summary>
internal sealed record PlacedTensor(TensorSpec Spec, long DataBegin)
{
    public long DataEnd => DataBegin + Spec.ByteLength;
}

/// <summary>One output file: its name and tensors (in header order, each with its data offsets).</summary>
internal sealed record ShardPlan(string FileName, IReadOnlyList<PlacedTensor> Tensors)
{
    public long DataBytes => Tensors.Sum(t => t.Spec.ByteLength);
}
