using System.Buffers;
using System.Runtime.InteropServices;
using EvoMerge.SafeTensors;

namespace EvoMerge.Evaluation;

/// <summary>
/// One tensor of a merged model, held in memory: either a float32 array (the common case; a merge kernel copies
/// a TorchSharp tensor into it once) or little-endian bytes of any safetensors dtype. The data is not copied:
/// whoever creates the tensor hands it over and must not change it afterwards.
/// </summary>
public sealed class MergedTensor
{
    private readonly float[]? _float32;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly long[] _shape;

    private MergedTensor(SafeTensorDType dtype, long[] shape, float[]? float32, ReadOnlyMemory<byte> bytes)
    {
        DType = dtype;
        _shape = shape;
        _float32 = float32;
        _bytes = bytes;
        ElementCount = shape.Aggregate(1L, (product, dim) => checked(product * dim));
        ByteLength = checked(ElementCount * SafeTensorDTypes.SizeOf(dtype));
    }

    public SafeTensorDType DType { get; }

    public IReadOnlyList<long> Shape => _shape;

    public long ElementCount { get; }

    public long ByteLength { get; }

    /// <summary>Wraps a float32 array (row-major) without copying it.</summary>
    public static MergedTensor FromFloat32(float[] data, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var checkedShape = CheckShape(shape);
        var tensor = new MergedTensor(SafeTensorDType.F32, checkedShape, data, ReadOnlyMemory<byte>.Empty);
        RequireLength(tensor, data.LongLength * sizeof(float));
        return tensor;
    }

    /// <summary>Wraps little-endian element bytes of <paramref name="dtype"/> (row-major) without copying them.</summary>
    public static MergedTensor FromBytes(SafeTensorDType dtype, long[] shape, ReadOnlyMemory<byte> data)
    {
        if (!Enum.IsDefined(dtype))
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a safetensors dtype");
        }

        var checkedShape = CheckShape(shape);
        var tensor = new MergedTensor(dtype, checkedShape, null, data);
        RequireLength(tensor, data.Length);
        return tensor;
    }

    /// <summary>The data as bytes (a view, no copy); tensors over 2 GiB need <see cref="Pin"/>.</summary>
    public ReadOnlySpan<byte> Bytes => _float32 is not null ? MemoryMarshal.AsBytes(_float32.AsSpan()) : _bytes.Span;

    /// <summary>The data as float32 values (a view, no copy).</summary>
    /// <exception cref="InvalidOperationException">The tensor is not F32.</exception>
    public ReadOnlySpan<float> Float32Values
    {
        get
        {
            if (DType != SafeTensorDType.F32)
            {
                throw new InvalidOperationException($"the tensor is {DType}, not F32.");
            }

            return _float32 is not null ? _float32 : MemoryMarshal.Cast<byte, float>(_bytes.Span);
        }
    }

    /// <summary>Pins the data so native code (ONNX Runtime, the safetensors writer) can read it in place.</summary>
    public MemoryHandle Pin() => _float32 is not null ? _float32.AsMemory().Pin() : _bytes.Pin();

    /// <summary>A copy of the shape, for APIs that take an array.</summary>
    public long[] ShapeArray() => (long[])_shape.Clone();

    public TensorSpec ToSpec(string name) => new(name, DType, ShapeArray());

    private static long[] CheckShape(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Any(d => d < 0))
        {
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] has a negative dimension.", nameof(shape));
        }

        return (long[])shape.Clone();
    }

    private static void RequireLength(MergedTensor tensor, long actualBytes)
    {
        if (actualBytes != tensor.ByteLength)
        {
            throw new ArgumentException(
                $"a {tensor.DType} tensor of shape [{string.Join(", ", tensor._shape)}] needs {tensor.ByteLength} bytes " +
                $"({tensor.ElementCount} elements), the data has {actualBytes} bytes.");
        }
    }
}
