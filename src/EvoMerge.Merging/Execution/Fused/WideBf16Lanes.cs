using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// bfloat16 lanes in 512-bit vectors, for CPUs that run them at full width (AVX-512). A bfloat16 kernel does a
/// rounding (five integer operations) after nearly every arithmetic step, so it is bound by instructions rather
/// than memory, and twice the lanes per instruction is twice the speed. Same arithmetic and roundings as
/// <see cref="Lanes.LoadAnyOrder"/> / <see cref="Lanes.StoreAnyOrder"/>, so the results are bit-identical; where
/// 512-bit vectors are not accelerated the kernels keep the <see cref="Lanes"/> path (AVX2 or whatever
/// <see cref="System.Numerics.Vector{T}"/> maps to).
/// </summary>
internal static unsafe class WideBf16Lanes
{
    /// <summary>Whether the hardware runs 512-bit vectors (decided once by the JIT, a constant in compiled code).</summary>
    public static bool IsAccelerated => Vector512.IsHardwareAccelerated;

    /// <summary>bfloat16 entries per load: one 64-byte vector, split into even and odd entries.</summary>
    public const int Step = 32;

    /// <summary>
    /// Entries index .. index + 31: <paramref name="even"/> the even ones, <paramref name="odd"/> the odd ones (each
    /// 32-bit lane holds two bfloat16 values, so widening is a shift and a mask, without shuffles).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(byte* data, long index, out Vector512<float> even, out Vector512<float> odd)
    {
        var pairs = Vector512.Load((uint*)(data + index * 2));
        even = (pairs << 16).AsSingle();
        odd = (pairs & Vector512.Create(0xFFFF0000u)).AsSingle();
    }

    /// <summary>Stores what <see cref="Load"/> loaded, back in memory order, each lane rounded to nearest even.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(byte* data, long index, Vector512<float> even, Vector512<float> odd)
    {
        var pairs = (RoundBits(even) >> 16) | (RoundBits(odd) & Vector512.Create(0xFFFF0000u));
        pairs.Store((uint*)(data + index * 2));
    }

    /// <summary>Every lane rounded to the nearest bfloat16 (ties to even), still as float32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Round(Vector512<float> value) => (RoundBits(value) & Vector512.Create(0xFFFF0000u)).AsSingle();

    /// <summary>The rule of <c>DtypeScalars.ToBFloat16Bits</c>, lane by lane: the bfloat16 in the high 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<uint> RoundBits(Vector512<float> value)
    {
        var bits = value.AsUInt32();
        return bits + Vector512.Create(0x7FFFu) + ((bits >> 16) & Vector512<uint>.One);
    }
}
