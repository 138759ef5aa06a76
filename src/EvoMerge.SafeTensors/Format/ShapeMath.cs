namespace EvoMerge.SafeTensors.Format;

/// <summary>Checked element-count and byte-length arithmetic for tensor shapes.</summary>
internal static class ShapeMath
{
    /// <summary>Product of the dimensions (1 for a scalar); throws <see cref="OverflowException"/> past <see cref="long.MaxValue"/>.</summary>
    public static long ElementCount(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"shape dimension {dim} is negative", nameof(shape));
            }

            count = checked(count * dim);
        }

        return count;
    }

    /// <summary>Element count times element size; throws <see cref="OverflowException"/> past <see cref="long.MaxValue"/>.</summary>
    public static long ByteLength(SafeTensorDType dtype, IReadOnlyList<long> shape) =>
        checked(ElementCount(shape) * SafeTensorDTypes.SizeOf(dtype));

    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";
}
