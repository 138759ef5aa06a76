namespace EvoMerge.Core.Pareto;

/// <summary>Deb's fast non-dominated sort (NSGA-II), O(M·N²) comparisons.</summary>
public static class NonDominatedSorting
{
    /// <summary>
    /// Splits the points into fronts: front 0 is the non-dominated set, front k is non-dominated once
    /// fronts 0..k-1 are removed. Each front lists point indices in ascending order; every index
    /// appears in exactly one front. Equal points land in the same front.
    /// </summary>
    public static IReadOnlyList<int[]> Sort(IReadOnlyList<double[]> points)
    {
        ObjectivePoints.CheckedObjectiveCount(points, nameof(points));
        int n = points.Count;
        var dominatedBy = new int[n];              // how many points dominate i
        var dominates = new List<int>[n];          // which points i dominates
        for (int i = 0; i < n; i++) dominates[i] = new List<int>();
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                if (Dominance.Dominates(points[i], points[j])) { dominates[i].Add(j); dominatedBy[j]++; }
                else if (Dominance.Dominates(points[j], points[i])) { dominates[j].Add(i); dominatedBy[i]++; }
            }

        var fronts = new List<int[]>();
        var current = Enumerable.Range(0, n).Where(i => dominatedBy[i] == 0).ToList();
        while (current.Count > 0)
        {
            fronts.Add(current.ToArray());
            var next = new List<int>();
            foreach (int i in current)
                foreach (int j in dominates[i])
                    if (--dominatedBy[j] == 0) next.Add(j);
            next.Sort();
            current = next;
        }
        return fronts;
    }
}
