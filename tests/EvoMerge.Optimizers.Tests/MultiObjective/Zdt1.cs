namespace EvoMerge.Optimizers.Tests.MultiObjective;

/// <summary>ZDT1 (Zitzler, Deb, Thiele 2000): convex front f2 = 1 − √f1 where x2..xn = 0; genes in [0, 1].</summary>
static class Zdt1
{
    public static double[] Evaluate(double[] x)
    {
        double f1 = x[0];
        double g = 1 + 9 * x.Skip(1).Sum() / (x.Length - 1);
        return new[] { f1, g * (1 - Math.Sqrt(f1 / g)) };
    }

    /// <summary>
    /// Hypervolume of the true front for reference (1.1, 1.1): ∫₀¹ (1.1 − (1 − √f)) df + 0.1 · 1.1
    /// = 0.1 + 2/3 + 0.11 ≈ 0.8767 (a finite sample of the front gives slightly less, e.g. ≈ 0.871).
    /// </summary>
    public const double TrueHypervolume = 0.1 + 2.0 / 3.0 + 0.11;
}
