namespace EvoMerge.SafeTensors.Writing;

/// <summary>One output file: its name and tensors (in header order, each with its data offsets).</summary>
internal sealed record ShardPlan(string FileName, IReadOnlyList<PlacedTensor> Tensors)
{
    public long DataBytes => Tensors.Sum(t => t.Spec.ByteLength);
}
