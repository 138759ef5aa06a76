using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// pycma's BoundTransform (BoxConstraintsLinQuadTransformation): a smooth periodic map from the
/// unbounded genotype onto [lower, upper]. It is the identity on [lb + al, ub - au], quadratic in a
/// margin of width al (au) around each bound (so the bound itself is reached with zero slope), and
/// mirrors periodically beyond, with al = min((ub - lb) / 2, max(1, |lb|) / 20) and likewise au.
/// CMA-ES keeps updating from the genotypes it sampled; only the evaluated phenotype is mapped,
/// so no sample is silently clipped and every candidate lies inside the box.
/// </summary>
public sealed class CmaBoundTransform
{
    readonly double[] _lb, _ub, _al, _au;

    public CmaBoundTransform(Bounds bounds)
    {
        _lb = (double[])bounds.Lower.Clone();
        _ub = (double[])bounds.Upper.Clone();
        int n = _lb.Length;
        _al = new double[n];
        _au = new double[n];
        for (int i = 0; i < n; i++)
        {
            double half = (_ub[i] - _lb[i]) / 2;
            _al[i] = Math.Min(half, Math.Max(1, Math.Abs(_lb[i])) / 20);
            _au[i] = Math.Min(half, Math.Max(1, Math.Abs(_ub[i])) / 20);
        }
    }

    public int Dimension => _lb.Length;

    /// <summary>Width of coordinate <paramref name="i"/>'s bound range.</summary>
    public double Range(int i) => _ub[i] - _lb[i];

    public void Transform(ReadOnlySpan<double> genotype, Span<double> phenotype)
    {
        for (int i = 0; i < _lb.Length; i++) phenotype[i] = TransformCoordinate(genotype[i], i);
    }

    public double TransformCoordinate(double x, int i)
    {
        double lb = _lb[i], ub = _ub[i], al = _al[i], au = _au[i];
        double start = lb - 2 * al - (ub - lb) / 2;
        double end = ub + 2 * au + (ub - lb) / 2;
        if (x < start || x > end)
        {
            double period = 2 * (ub - lb + al + au);
            x -= period * Math.Floor((x - start) / period);
        }
        if (x > ub + au) x -= 2 * (x - ub - au);
        if (x < lb - al) x += 2 * (lb - al - x);
        double y;
        if (x < lb + al) y = lb + (x - (lb - al)) * (x - (lb - al)) / (4 * al);
        else if (x > ub - au) y = ub - (x - (ub + au)) * (x - (ub + au)) / (4 * au);
        else y = x;
        // Rounding in the quadratic pieces must not step outside the box.
        return Math.Clamp(y, lb, ub);
    }

    /// <summary>A genotype that maps to <paramref name="phenotype"/> (which must lie in the box).</summary>
    public void Inverse(ReadOnlySpan<double> phenotype, Span<double> genotype)
    {
        for (int i = 0; i < _lb.Length; i++)
        {
            double y = phenotype[i], lb = _lb[i], ub = _ub[i], al = _al[i], au = _au[i];
            if (y < lb || y > ub) throw new ArgumentException($"Gene {i} = {y} lies outside [{lb}, {ub}].");
            genotype[i] = y < lb + al ? lb - al + 2 * Math.Sqrt(al * (y - lb))
                : y > ub - au ? ub + au - 2 * Math.Sqrt(au * (ub - y))
                : y;
        }
    }
}
