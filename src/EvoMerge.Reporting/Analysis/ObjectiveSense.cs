namespace EvoMerge.Reporting.Analysis;

/// <summary>Comparisons in an objective's own sense; NaN is never better than anything.</summary>
internal static class ObjectiveSense
{
    /// <summary>True if <paramref name="candidate"/> improves on <paramref name="incumbent"/> (NaN incumbent: any number improves).</summary>
    public static bool Improves(double candidate, double incumbent, bool maximize)
    {
        if (double.IsNaN(candidate))
        {
            return false;
        }

        if (double.IsNaN(incumbent))
        {
            return true;
        }

        return maximize ? candidate > incumbent : candidate < incumbent;
    }

    /// <summary>The value turned into "smaller is better", as Core's Pareto utilities expect.</summary>
    public static double AsMinimized(double value, bool maximize) => maximize ? -value : value;

    public static string Word(bool maximize) => maximize ? "maximize" : "minimize";
}
