namespace EvoMerge.SafeTensors.Format;

/// <summary>An output tensor's name, element type and shape, known before its data.</summary>
public sealed record TensorSpec(string Name, SafeTensorDType DType, long[] Shape)
{
    /// <summary>Bytes of data: element count times element size (checked).</summary>
    public long ByteLength { get; } = ShapeMath.ByteLength(DType, Shape);
}
