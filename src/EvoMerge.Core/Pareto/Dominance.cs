namespace EvoMerge.Core.Pareto;

/// <summary>Pareto dominance for minimization: every objective is to be made as small as possible.</summary>
public static class Dominance
{
    /// <summary>
    /// True when <paramref name="a"/> is no worse than <paramref name="b"/> in every objective and
    /// strictly better in at least one. Equal points do not dominate each other. A NaN makes every
    /// comparison false, so a point with a NaN neither dominates nor is dominated through that
    /// objective; callers that may see NaN should treat such points as failed before sorting.
    /// </summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"Points have different numbers of objectives ({a.Length} and {b.Length}).");
        bool strictlyBetterSomewhere = false;
        for (int i = 0; i < a.Length; i++)
        {
            if (!(a[i] <= b[i])) return false;
            if (a[i] < b[i]) strictlyBetterSomewhere = true;
        }
        return strictlyBetterSomewhere;
    }
}
