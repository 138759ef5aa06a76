using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EvoMerge.Merging.Execution.Fused;

/// <summary>
/// The ties / dare_ties merge pass for bfloat16 in 512-bit steps (<see cref="WideBf16Lanes"/>), with the roundings,
/// trim rules and sign election of <see cref="TiesKernel"/>'s other paths, so the results are bit-identical. A step
/// holding a model's first kept tie is left to the caller, which runs it entry by entry.
/// </summary>
internal sealed unsafe class TiesWideBf16Steps
{
    /// <summary>Most models whose per-step values live on the stack.</summary>
    public const int MaxModels = 64;

    readonly IntPtr[] _x;
    readonly IntPtr _b;
    readonly MagnitudeThreshold?[] _thresholds;
    readonly ulong[]?[] _keepBits;
    readonly float[] _factors;
    readonly Vector512<float>[] _weights;
    readonly Vector512<float>[] _limits;
    readonly bool _normalize;
    readonly float _lambda;

    public TiesWideBf16Steps(IntPtr[] x, IntPtr b, float[] w, float[] factors, MagnitudeThreshold?[] thresholds, ulong[]?[] keepBits, bool normalize, float lambda)
    {
        (_x, _b, _factors, _thresholds, _keepBits, _normalize, _lambda) = (x, b, factors, thresholds, keepBits, normalize, lambda);
        _weights = [.. w.Select(Vector512.Create)];
        _limits = [.. thresholds.Select(t => Vector512.Create(t?.Threshold ?? 0))];
    }

    /// <summary>The first step from <paramref name="start"/> on that holds a model's first kept tie past its start (long.MaxValue: none).</summary>
    long FirstStraddled(long start)
    {
        long first = long.MaxValue;
        foreach (var t in _thresholds)
        {
            long offset = t is { } threshold ? threshold.FirstKeptTie - start : 0;
            if (offset > 0 && offset % WideBf16Lanes.Step != 0) first = Math.Min(first, start + offset - offset % WideBf16Lanes.Step);
        }
        return first;
    }

    /// <summary>
    /// Whole steps from <paramref name="start"/> into output (entry <paramref name="origin"/> at its start); stops at
    /// the end or before a step that holds a model's first kept tie past the step's start, and returns where it stopped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Run(long start, long end, byte* output, long origin)
    {
        int count = _x.Length;
        Span<Vector512<float>> uEven = stackalloc Vector512<float>[count];
        Span<Vector512<float>> uOdd = stackalloc Vector512<float>[count];
        // Entry 2j of a step is lane j of the even vector, entry 2j + 1 lane j of the odd one: their keep bits alternate.
        var evenBits = LaneBits(first: 0);
        var oddBits = LaneBits(first: 1);
        var zero = Vector512<float>.Zero;
        long straddled = FirstStraddled(start);
        long i = start;
        for (; i + WideBf16Lanes.Step <= end && i != straddled; i += WideBf16Lanes.Step)
        {
            WideBf16Lanes.Load((byte*)_b, i, out var b0, out var b1);
            var s0 = zero;
            var s1 = zero;
            for (int k = 0; k < count; k++)
            {
                WideBf16Lanes.Load((byte*)_x[k], i, out var x0, out var x1);
                var d0 = WideBf16Lanes.Round(x0 - b0);
                var d1 = WideBf16Lanes.Round(x1 - b1);
                if (_thresholds[k] is { } t)
                {
                    if (t.KeepNone) { d0 = d1 = zero; }
                    else if (i >= t.FirstKeptTie)
                    {
                        d0 = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.Abs(d0), _limits[k]), d0, zero);
                        d1 = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(Vector512.Abs(d1), _limits[k]), d1, zero);
                    }
                    else
                    {
                        // The whole step lies before the first kept tie: ties are dropped.
                        d0 = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Abs(d0), _limits[k]), d0, zero);
                        d1 = Vector512.ConditionalSelect(Vector512.GreaterThan(Vector512.Abs(d1), _limits[k]), d1, zero);
                    }
                }
                else if (_keepBits[k] is { } bits)
                {
                    var word = Vector512.Create((int)(uint)(bits[i >> 6] >> (int)(i & 63)));
                    d0 = Vector512.ConditionalSelect(Vector512.Equals(word & evenBits, evenBits).AsSingle(), d0, zero);
                    d1 = Vector512.ConditionalSelect(Vector512.Equals(word & oddBits, oddBits).AsSingle(), d1, zero);
                }
                if (_factors[k] != 1)
                {
                    var factor = Vector512.Create(_factors[k]);
                    d0 = WideBf16Lanes.Round(d0 * factor);
                    d1 = WideBf16Lanes.Round(d1 * factor);
                }
                uEven[k] = WideBf16Lanes.Round(d0 * _weights[k]);
                uOdd[k] = WideBf16Lanes.Round(d1 * _weights[k]);
                s0 += uEven[k];
                s1 += uOdd[k];
            }
            WideBf16Lanes.Store(output, i - origin, Finish(b0, WideBf16Lanes.Round(s0), uEven), Finish(b1, WideBf16Lanes.Round(s1), uOdd));
        }
        return i;
    }

    /// <summary>Sign election and the disjoint mean, as <see cref="TiesKernel"/> computes them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    Vector512<float> Finish(Vector512<float> baseValues, Vector512<float> sum, Span<Vector512<float>> u)
    {
        var zero = Vector512<float>.Zero;
        var positive = Vector512.GreaterThanOrEqual(sum, zero);
        var mixed = zero;
        var divisor = zero;
        for (int k = 0; k < u.Length; k++)
        {
            var match = Vector512.ConditionalSelect(positive, Vector512.GreaterThan(u[k], zero), Vector512.LessThan(u[k], zero));
            mixed += Vector512.ConditionalSelect(match, u[k], zero);
            divisor += Vector512.ConditionalSelect(match, _weights[k], zero);
        }
        mixed = WideBf16Lanes.Round(mixed);
        divisor = WideBf16Lanes.Round(divisor);
        if (_normalize)
            mixed = WideBf16Lanes.Round(mixed / Vector512.ConditionalSelect(Vector512.Equals(divisor, zero), Vector512<float>.One, divisor));
        if (_lambda != 1) mixed = WideBf16Lanes.Round(mixed * Vector512.Create(_lambda));
        return baseValues + mixed;
    }

    /// <summary>Lane j holds bit first + 2j of a 32-bit word.</summary>
    internal static Vector512<int> LaneBits(int first)
    {
        Span<int> lanes = stackalloc int[Vector512<int>.Count];
        for (int j = 0; j < lanes.Length; j++) lanes[j] = 1 << (first + 2 * j);
        return Vector512.Create<int>(lanes);
    }
}
