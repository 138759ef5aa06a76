namespace EvoMerge.SafeTensors.Format;

/// <summary>One tensor as a safetensors header describes it; offsets are relative to the data buffer.</summary>
public sealed record TensorInfo(string Name, SafeTensorDType DType, long[] Shape, long DataBegin, long DataEnd)
{
    /// <summary>Product of the shape (1 for a scalar, 0 for an empty tensor).</summary>
    public long ElementCount { get; } = ShapeMath.ElementCount(Shape);

    public long ByteLength => DataEnd - DataBegin;
}
