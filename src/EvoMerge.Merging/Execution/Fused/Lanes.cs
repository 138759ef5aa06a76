using System.Numerics;
using System.Runtime.CompilerServices;
using EvoMerge.Merging.Methods.Tensors;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// SIMD loads and stores of float32 and bfloat16 lanes as float vectors. bfloat16 is the top half of
/// a float32, so widening is a shift and narrowing rounds to nearest even (as torch does).
/// </summary>
internal static unsafe class Lanes
{
    /// <summary>Elements handled by one <see cref="Load"/> / <see cref="Store"/> pair: two float vectors.</summary>
    public static int Step => 2 * Vector<float>.Count;

    /// <summary>Loads <see cref="Step"/> elements starting at <paramref name="index"/> as two float vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(byte* data, long index, bool bf16, out Vector<float> low, out Vector<float> high)
    {
        if (!bf16)
        {
            low = Unsafe.ReadUnaligned<Vector<float>>(data + index * 4);
            high = Unsafe.ReadUnaligned<Vector<float>>(data + (index + Vector<float>.Count) * 4);
            return;
        }
        // bfloat16 is the high half of a float32: widen to uint lanes and shift up.
        var halves = Unsafe.ReadUnaligned<Vector<ushort>>(data + index * 2);
        Vector.Widen(halves, out Vector<uint> a, out Vector<uint> b);
        low = Vector.AsVectorSingle(a << 16);
        high = Vector.AsVectorSingle(b << 16);
    }

    /// <summary>Stores two float vectors (rounded to nearest even for bfloat16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(byte* data, long index, Vector<float> low, Vector<float> high, bool bf16)
    {
        if (!bf16)
        {
            Unsafe.WriteUnaligned(data + index * 4, low);
            Unsafe.WriteUnaligned(data + (index + Vector<float>.Count) * 4, high);
            return;
        }
        var packed = Vector.Narrow(RoundBits(low) >> 16, RoundBits(high) >> 16);
        Unsafe.WriteUnaligned(data + index * 2, packed);
    }

    /// <summary>
    /// Like <see cref="Load"/>, but for bfloat16 the entries come out of memory order: <paramref name="even"/> holds
    /// entries index, index + 2, ..., <paramref name="odd"/> the ones between. Each 32-bit lane holds two bfloat16
    /// values, so widening is a shift and a mask within the lane, with none of the cross-lane shuffles
    /// <see cref="Vector.Widen(Vector{ushort}, out Vector{uint}, out Vector{uint})"/> needs. Only for kernels that
    /// compute every entry from the same entry of each input, stored back with <see cref="StoreAnyOrder"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadAnyOrder(byte* data, long index, bool bf16, out Vector<float> even, out Vector<float> odd)
    {
        if (!bf16)
        {
            even = Unsafe.ReadUnaligned<Vector<float>>(data + index * 4);
            odd = Unsafe.ReadUnaligned<Vector<float>>(data + (index + Vector<float>.Count) * 4);
            return;
        }
        var pairs = Unsafe.ReadUnaligned<Vector<uint>>(data + index * 2);
        even = Vector.AsVectorSingle(pairs << 16);
        odd = Vector.AsVectorSingle(pairs & new Vector<uint>(0xFFFF0000u));
    }

    /// <summary>Stores what <see cref="LoadAnyOrder"/> loaded, back in memory order (rounded to nearest even for bfloat16).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreAnyOrder(byte* data, long index, Vector<float> even, Vector<float> odd, bool bf16)
    {
        if (!bf16)
        {
            Unsafe.WriteUnaligned(data + index * 4, even);
            Unsafe.WriteUnaligned(data + (index + Vector<float>.Count) * 4, odd);
            return;
        }
        var pairs = (RoundBits(even) >> 16) | (RoundBits(odd) & new Vector<uint>(0xFFFF0000u));
        Unsafe.WriteUnaligned(data + index * 2, pairs);
    }

    /// <summary>Rounds every lane to the nearest bfloat16 (ties to even) and returns it as float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> RoundBF16(Vector<float> value) => Vector.AsVectorSingle(RoundBits(value) & new Vector<uint>(0xFFFF0000u));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector<uint> RoundBits(Vector<float> value)
    {
        var bits = Vector.AsVectorUInt32(value);
        return bits + new Vector<uint>(0x7FFFu) + ((bits >> 16) & Vector<uint>.One);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LoadScalar(byte* data, long index, bool bf16) =>
        bf16 ? BitConverter.UInt32BitsToSingle((uint)((ushort*)data)[index] << 16) : ((float*)data)[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreScalar(byte* data, long index, float value, bool bf16)
    {
        if (!bf16) { ((float*)data)[index] = value; return; }
        ((ushort*)data)[index] = DtypeScalars.ToBFloat16Bits(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RoundScalar(float value, bool bf16)
    {
        return bf16 ? BitConverter.UInt32BitsToSingle((uint)DtypeScalars.ToBFloat16Bits(value) << 16) : value;
    }
}
