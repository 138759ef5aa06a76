namespace EvoMerge.Models.Mlp;

/// <summary>One named tensor inside a flat parameter vector.</summary>
public sealed record MlpTensorSlot(string Name, long Offset, long[] Shape)
{
    public long Length => Shape.Aggregate(1L, (a, b) => a * b);
}
