using System.Buffers;
using System.Runtime.InteropServices;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Contracts;

/// <summary>
/// One tensor of a merged model, held in memory: a float32 array, little-endian bytes of any safetensors dtype, or
/// unmanaged memory that this tensor owns (<see cref="Allocate"/>, or <see cref="Wrap"/>ped from an owner such as a
/// TorchSharp tensor: any size, over 2 GiB included, freed by <see cref="Dispose"/>). Wrapped data is not copied:
/// whoever creates the tensor hands it over and must not change it afterwards.
/// </summary>
public sealed unsafe class MergedTensor : IDisposable
{
    private readonly float[]? _float32;
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly NativeTensorMemory? _native;
    private readonly long[] _shape;

    private MergedTensor(SafeTensorDType dtype, long[] shape, float[]? float32, ReadOnlyMemory<byte> bytes, NativeTensorMemory? native = null)
    {
        DType = dtype;
        _shape = shape;
        _float32 = float32;
        _bytes = bytes;
        _native = native;
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

    /// <summary>
    /// A tensor of <paramref name="dtype"/> and <paramref name="shape"/> in unmanaged memory owned by the new tensor
    /// (contents undefined until written with <see cref="WritableBytesAt"/>); <see cref="Dispose"/> frees it.
    /// </summary>
    public static MergedTensor Allocate(SafeTensorDType dtype, params long[] shape)
    {
        if (!Enum.IsDefined(dtype))
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a safetensors dtype");
        }

        var checkedShape = CheckShape(shape);
        long byteLength = checked(checkedShape.Aggregate(1L, (product, dim) => checked(product * dim)) * SafeTensorDTypes.SizeOf(dtype));
        return new MergedTensor(dtype, checkedShape, null, ReadOnlyMemory<byte>.Empty, new NativeTensorMemory(byteLength));
    }

    /// <summary>
    /// A tensor over <paramref name="owner"/>'s memory at <paramref name="start"/> (no copy): a TorchSharp tensor the
    /// merge was materialized into, say, so that an evaluator knowing the owner's type runs on it without copying the
    /// model (<see cref="Owner"/>). The owner must keep the memory valid and unchanged; <see cref="Dispose"/> disposes it.
    /// </summary>
    public static MergedTensor Wrap(SafeTensorDType dtype, long[] shape, IntPtr start, IDisposable owner)
    {
        if (!Enum.IsDefined(dtype))
        {
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a safetensors dtype");
        }

        var checkedShape = CheckShape(shape);
        long byteLength = checked(checkedShape.Aggregate(1L, (product, dim) => checked(product * dim)) * SafeTensorDTypes.SizeOf(dtype));
        return new MergedTensor(dtype, checkedShape, null, ReadOnlyMemory<byte>.Empty, new NativeTensorMemory(start, byteLength, owner));
    }

    /// <summary>The object whose memory <see cref="Wrap"/> wrapped (null otherwise); valid until the tensor is disposed.</summary>
    public IDisposable? Owner => IsDisposed ? null : _native?.Owner;

    /// <summary>Whether <see cref="Dispose"/> has freed the tensor's own memory (always false for wrapped arrays).</summary>
    public bool IsDisposed => _native is { IsClosed: true };

    /// <summary>The data as bytes (a view, no copy); a tensor over 2 GiB is read with <see cref="BytesAt"/> or <see cref="Pin"/>.</summary>
    /// <exception cref="InvalidOperationException">The tensor is larger than one span can hold.</exception>
    public ReadOnlySpan<byte> Bytes
    {
        get
        {
            if (ByteLength > int.MaxValue)
            {
                throw new InvalidOperationException(
                    $"the tensor is {ByteLength} bytes, more than one span can hold; read it in pieces with BytesAt.");
            }

            return BytesAt(0, (int)ByteLength);
        }
    }

    /// <summary>
    /// The <paramref name="length"/> bytes from <paramref name="byteOffset"/> (a view, no copy): how tensors over
    /// 2 GiB are read.
    /// </summary>
    public ReadOnlySpan<byte> BytesAt(long byteOffset, int length)
    {
        CheckRange(byteOffset, length);
        if (_native is not null)
        {
            return new ReadOnlySpan<byte>(_native.Start + byteOffset, length);
        }

        // Arrays and memory are at most 2 GiB, so their offsets fit an int.
        return _float32 is not null
            ? MemoryMarshal.AsBytes(_float32.AsSpan()).Slice((int)byteOffset, length)
            : _bytes.Span.Slice((int)byteOffset, length);
    }

    /// <summary>Writable bytes of a tensor made by <see cref="Allocate"/>, for filling it piece by piece.</summary>
    /// <exception cref="InvalidOperationException">The tensor wraps data handed over by its creator, which must not change.</exception>
    public Span<byte> WritableBytesAt(long byteOffset, int length)
    {
        if (_native is not { Owner: null })
        {
            throw new InvalidOperationException("only a tensor made by MergedTensor.Allocate can be written.");
        }

        CheckRange(byteOffset, length);
        return new Span<byte>(_native.Start + byteOffset, length);
    }

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

            if (_native is not null)
            {
                ObjectDisposedException.ThrowIf(IsDisposed, this);
                return new ReadOnlySpan<float>(_native.Start, checked((int)ElementCount));
            }

            return _float32 is not null ? _float32 : MemoryMarshal.Cast<byte, float>(_bytes.Span);
        }
    }

    /// <summary>
    /// Pins the data so native code (ONNX Runtime, the safetensors writer) can read it in place; unmanaged memory
    /// needs no pinning, and its address holds until the tensor is disposed.
    /// </summary>
    public MemoryHandle Pin()
    {
        if (_native is not null)
        {
            return new MemoryHandle(_native.Start);
        }

        return _float32 is not null ? _float32.AsMemory().Pin() : _bytes.Pin();
    }

    /// <summary>Frees memory the tensor owns (<see cref="Allocate"/>) now rather than at garbage collection; wrapped arrays are left to the GC.</summary>
    public void Dispose() => _native?.Dispose();

    /// <summary>A copy of the shape, for APIs that take an array.</summary>
    public long[] ShapeArray() => (long[])_shape.Clone();

    public TensorSpec ToSpec(string name) => new(name, DType, ShapeArray());

    private void CheckRange(long byteOffset, int length)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (byteOffset < 0 || length < 0 || byteOffset > ByteLength - length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(byteOffset), $"bytes [{byteOffset}, {byteOffset}+{length}) are outside the tensor's {ByteLength} bytes.");
        }
    }

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
