namespace EvoMerge.Core.Pareto;

/// <summary>The non-dominated subset of a point set (minimization).</summary>
public static class ParetoFront
{
    /// <summary>
    /// Indices, ascending, of the points no other point dominates. Duplicates are all kept: equal
    /// points do not dominate each other, so every copy of a non-dominated point is listed (callers
    /// that want one representative per point can dedupe by value).
    /// </summary>
    public static int[] Of(IReadOnlyList<double[]> points)
    {
        ObjectivePoints.CheckedObjectiveCount(points, nameof(points));
        var result = new List<int>();
        for (int i = 0; i < points.Count; i++)
        {
            bool dominated = false;
            for (int j = 0; j < points.Count && !dominated; j++)
                dominated = j != i && Dominance.Dominates(points[j], points[i]);
            if (!dominated) result.Add(i);
        }
        return result.ToArray();
    }
}
