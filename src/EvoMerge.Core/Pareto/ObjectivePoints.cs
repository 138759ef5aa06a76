namespace EvoMerge.Core.Pareto;

/// <summary>Argument checks shared by the Pareto utilities.</summary>
static class ObjectivePoints
{
    /// <summary>Number of objectives of a non-empty point set, after checking that all agree and are numbers.</summary>
    public static int CheckedObjectiveCount(IReadOnlyList<double[]> points, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(points, parameterName);
        if (points.Count == 0) return 0;
        int objectives = points[0]?.Length ?? throw new ArgumentException("Point 0 is null.", parameterName);
        if (objectives == 0) throw new ArgumentException("Points need at least one objective.", parameterName);
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i] ?? throw new ArgumentException($"Point {i} is null.", parameterName);
            if (p.Length != objectives)
                throw new ArgumentException($"Point {i} has {p.Length} objectives; point 0 has {objectives}.", parameterName);
            foreach (var v in p)
                if (double.IsNaN(v)) throw new ArgumentException($"Point {i} has a NaN objective.", parameterName);
        }
        return objectives;
    }
}
