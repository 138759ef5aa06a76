namespace EvoMerge.Core.Pareto;

/// <summary>NSGA-II crowding distance: how much room a point has around it within its front.</summary>
public static class CrowdingDistance
{
    /// <summary>
    /// One distance per point of <paramref name="front"/>. For each objective the points are ordered
    /// by value (ties by position, so the result is deterministic); the two extreme points get
    /// infinity, every other point adds (next − previous) / (max − min). An objective on which all
    /// points are equal adds nothing. Fronts of one or two points are all boundary: all infinite.
    /// </summary>
    public static double[] Compute(IReadOnlyList<double[]> front)
    {
        int objectives = ObjectivePoints.CheckedObjectiveCount(front, nameof(front));
        int n = front.Count;
        var distance = new double[n];
        if (n <= 2)
        {
            Array.Fill(distance, double.PositiveInfinity);
            return distance;
        }
        for (int m = 0; m < objectives; m++)
        {
            int objective = m;
            // OrderBy is stable: equal values keep their positions.
            int[] order = Enumerable.Range(0, n).OrderBy(i => front[i][objective]).ToArray();
            double min = front[order[0]][m], max = front[order[n - 1]][m];
            distance[order[0]] = double.PositiveInfinity;
            distance[order[n - 1]] = double.PositiveInfinity;
            double range = max - min;
            if (!(range > 0) || double.IsInfinity(range)) continue;
            for (int k = 1; k < n - 1; k++)
                distance[order[k]] += (front[order[k + 1]][m] - front[order[k - 1]][m]) / range;
        }
        return distance;
    }
}
