using System.Numerics;
using System.Runtime.InteropServices;

namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// The few loops M2N2 runs per child over scores (D values) and parameter vectors (n values), in
/// SIMD width. Results are deterministic (fixed lane order) but may differ in the last bits from a
/// plain left-to-right sum.
/// </summary>
internal static class VectorKernels
{
    /// <summary>totals[j] += row[j].</summary>
    public static void AddTo(ReadOnlySpan<double> row, Span<double> totals)
    {
        int i = 0, width = Vector<double>.Count;
        var r = MemoryMarshal.Cast<double, Vector<double>>(row);
        var t = MemoryMarshal.Cast<double, Vector<double>>(totals);
        for (int v = 0; v < r.Length; v++) t[v] += r[v];
        for (i = r.Length * width; i < row.Length; i++) totals[i] += row[i];
    }

    /// <summary>sum_j row[j] * weights[j].</summary>
    public static double Dot(ReadOnlySpan<double> row, ReadOnlySpan<double> weights)
    {
        var r = MemoryMarshal.Cast<double, Vector<double>>(row);
        var w = MemoryMarshal.Cast<double, Vector<double>>(weights);
        var acc = Vector<double>.Zero;
        for (int v = 0; v < r.Length; v++) acc += r[v] * w[v];
        double sum = Vector.Sum(acc);
        for (int i = r.Length * Vector<double>.Count; i < row.Length; i++) sum += row[i] * weights[i];
        return sum;
    }

    /// <summary>sum_j max(0, (b[j] - a[j]) * weights[j]).</summary>
    public static double PositiveGain(ReadOnlySpan<double> b, ReadOnlySpan<double> a, ReadOnlySpan<double> weights)
    {
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var w = MemoryMarshal.Cast<double, Vector<double>>(weights);
        var acc = Vector<double>.Zero;
        for (int v = 0; v < vb.Length; v++) acc += Vector.Max(Vector<double>.Zero, (vb[v] - va[v]) * w[v]);
        double sum = Vector.Sum(acc);
        for (int i = vb.Length * Vector<double>.Count; i < b.Length; i++) sum += Math.Max(0, (b[i] - a[i]) * weights[i]);
        return sum;
    }

    /// <summary>(a . b, a . a, b . b) in one pass.</summary>
    public static (double Dot, double NormA2, double NormB2) DotAndNorms(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        Vector<double> dot = Vector<double>.Zero, aa = Vector<double>.Zero, bb = Vector<double>.Zero;
        for (int v = 0; v < va.Length; v++)
        {
            dot += va[v] * vb[v];
            aa += va[v] * va[v];
            bb += vb[v] * vb[v];
        }
        double d = Vector.Sum(dot), na = Vector.Sum(aa), nb = Vector.Sum(bb);
        for (int i = va.Length * Vector<double>.Count; i < a.Length; i++)
        {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return (d, na, nb);
    }

    /// <summary>result[i] = onA * a[i] + onB * b[i].</summary>
    public static void Combine(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double onA, double onB, Span<double> result)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
        var vr = MemoryMarshal.Cast<double, Vector<double>>(result);
        var ca = new Vector<double>(onA);
        var cb = new Vector<double>(onB);
        for (int v = 0; v < va.Length; v++) vr[v] = ca * va[v] + cb * vb[v];
        for (int i = va.Length * Vector<double>.Count; i < a.Length; i++) result[i] = onA * a[i] + onB * b[i];
    }
}
