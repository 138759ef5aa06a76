namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// Spherical interpolation with a split point: coordinates before <c>splitAt</c> take mixing ratio
/// t = w (weight on <c>b</c>), the rest 1 - w. One angle Omega is measured between the whole vectors
/// and each coordinate is interpolated with its own ratio; when sin(Omega) &lt;= 1e-6 (parallel
/// vectors, or a zero vector, whose angle is undefined) it falls back to linear interpolation.
/// With <c>splitAt</c> equal to the length it is plain SLERP with ratio w.
/// </summary>
public static class SplitPointSlerp
{
    const double ParallelTolerance = 1e-6;

    public static void Cross(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double w, int splitAt, Span<double> child)
    {
        if (a.Length != b.Length || a.Length != child.Length)
            throw new ArgumentException($"Parents and child must have the same length ({a.Length}, {b.Length}, {child.Length}).");
        if ((uint)splitAt > (uint)a.Length) throw new ArgumentOutOfRangeException(nameof(splitAt), splitAt, "Split point must lie in [0, length].");
        if (!(w >= 0 && w <= 1)) throw new ArgumentOutOfRangeException(nameof(w), w, "Mixing ratio must lie in [0, 1].");

        double omega = Angle(a, b);
        var (aBelow, bBelow) = Coefficients(omega, w);
        var (aAbove, bAbove) = Coefficients(omega, 1 - w);
        Combine(a[..splitAt], b[..splitAt], aBelow, bBelow, child[..splitAt]);
        Combine(a[splitAt..], b[splitAt..], aAbove, bAbove, child[splitAt..]);
    }

    /// <summary>The angle between the two vectors; NaN when either is zero.</summary>
    public static double Angle(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException("Vectors differ in length.");
        var (dot, aa, bb) = VectorKernels.DotAndNorms(a, b);
        if (aa == 0 || bb == 0) return double.NaN;
        return Math.Acos(Math.Clamp(dot / (Math.Sqrt(aa) * Math.Sqrt(bb)), -1, 1));
    }

    static (double OnA, double OnB) Coefficients(double omega, double t)
    {
        double sinOmega = Math.Sin(omega);
        if (double.IsNaN(omega) || sinOmega <= ParallelTolerance) return (1 - t, t);
        return (Math.Sin((1 - t) * omega) / sinOmega, Math.Sin(t * omega) / sinOmega);
    }

    static void Combine(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double onA, double onB, Span<double> child) =>
        VectorKernels.Combine(a, b, onA, onB, child);
}
