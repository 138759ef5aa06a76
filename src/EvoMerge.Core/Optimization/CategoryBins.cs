namespace EvoMerge.Core.Optimization;

/// <summary>
/// How a categorical gene's value in [0, 1] names one of <c>count</c> categories: equal-width bins, so optimizers
/// that only know continuous genes (CMA-ES, GA, NSGA-II, random search, M2N2) move between categories by moving
/// the value, and a mixed-integer optimizer samples the bin centres directly. Values outside [0, 1] fall into the
/// end bins, as optimizers may step outside a gene's box.
/// </summary>
public static class CategoryBins
{
    /// <summary>The category <paramref name="x"/> falls in: floor(x * count), clamped to 0 .. count - 1.</summary>
    public static int Index(double x, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (double.IsNaN(x)) throw new ArgumentException("A categorical gene cannot be NaN.", nameof(x));
        return (int)Math.Clamp(Math.Floor(Math.Clamp(x, 0, 1) * count), 0, count - 1);
    }

    /// <summary>The centre of category <paramref name="index"/>'s bin: the value that stands for it at the start.</summary>
    public static double Centre(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return (index + 0.5) / count;
    }
}
