using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Execution;

/// <summary>
/// Finds NaN or infinity in raw floating-point data: an element is non-finite when all its exponent bits are
/// set. A vectorized AND-compare over data already in the cache, cheap next to the merge that produced it.
/// </summary>
public static unsafe class NonFinite
{
    /// <summary>Largest piece scanned through one span, well below the 2 GiB span limit.</summary>
    const long MaxPieceBytes = 1L << 30;

    /// <summary>Index of the first non-finite element of <paramref name="bytes"/>, or -1 (always -1 for non-floating dtypes).</summary>
    public static long IndexOf(ReadOnlySpan<byte> bytes, SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F32 => FirstWithAllBits(MemoryMarshal.Cast<byte, uint>(bytes), 0x7F80_0000u),
        SafeTensorDType.F64 => FirstWithAllBits(MemoryMarshal.Cast<byte, ulong>(bytes), 0x7FF0_0000_0000_0000ul),
        SafeTensorDType.F16 => FirstWithAllBits(MemoryMarshal.Cast<byte, ushort>(bytes), (ushort)0x7C00),
        SafeTensorDType.BF16 => FirstWithAllBits(MemoryMarshal.Cast<byte, ushort>(bytes), (ushort)0x7F80),
        _ => -1,
    };

    /// <summary>As <see cref="IndexOf(ReadOnlySpan{byte}, SafeTensorDType)"/> for native memory of any length (tensors over 2 GiB).</summary>
    public static long IndexOf(byte* data, long byteLength, SafeTensorDType dtype)
    {
        int size = SafeTensorDTypes.SizeOf(dtype);
        long piece = MaxPieceBytes - MaxPieceBytes % size;
        for (long done = 0; done < byteLength; done += piece)
        {
            long index = IndexOf(new ReadOnlySpan<byte>(data + done, (int)Math.Min(piece, byteLength - done)), dtype);
            if (index >= 0) return done / size + index;
        }
        return -1;
    }

    /// <summary>
    /// The vector part only accumulates hits, without a branch per vector, so it runs at cache bandwidth; the
    /// scalar search for the index runs only when there is a hit (rare: it ends the merge).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static long FirstWithAllBits<T>(ReadOnlySpan<T> values, T mask) where T : unmanaged, IBinaryInteger<T>
    {
        int start = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<T>.Count)
        {
            var masks = new Vector<T>(mask);
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            var hits = Vector<T>.Zero;
            int v = 0;
            for (; v + 4 <= vectors.Length; v += 4)
                hits |= Vector.Equals(vectors[v] & masks, masks) | Vector.Equals(vectors[v + 1] & masks, masks)
                      | Vector.Equals(vectors[v + 2] & masks, masks) | Vector.Equals(vectors[v + 3] & masks, masks);
            for (; v < vectors.Length; v++) hits |= Vector.Equals(vectors[v] & masks, masks);
            if (hits == Vector<T>.Zero) start = vectors.Length * Vector<T>.Count;
        }
        for (int i = start; i < values.Length; i++)
            if ((values[i] & mask) == mask) return i;
        return -1;
    }
}
