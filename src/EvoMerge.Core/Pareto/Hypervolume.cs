namespace EvoMerge.Core.Pareto;

/// <summary>
/// Exact hypervolume (minimization): the measure of the region dominated by the points and bounded
/// by the reference point. Points that do not strictly beat the reference in every objective add
/// nothing. One objective is a length, two a 2-D sweep (O(N log N)), three are sliced along the third
/// objective into 2-D problems (O(N² log N)); more objectives are rejected.
/// </summary>
public static class Hypervolume
{
    public const int MaxObjectives = 3;

    public static double Compute(IReadOnlyList<double[]> points, double[] reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        int objectives = ObjectivePoints.CheckedObjectiveCount(points, nameof(points));
        if (reference.Length == 0 || reference.Length > MaxObjectives)
            throw new ArgumentException(
                $"Exact hypervolume is implemented for 1 to {MaxObjectives} objectives; the reference point has {reference.Length}.",
                nameof(reference));
        if (objectives != 0 && objectives != reference.Length)
            throw new ArgumentException($"Points have {objectives} objectives but the reference point has {reference.Length}.", nameof(reference));
        foreach (var r in reference)
            if (!double.IsFinite(r)) throw new ArgumentException("The reference point must be finite.", nameof(reference));

        var inside = points.Where(p => StrictlyBetter(p, reference)).ToList();
        if (inside.Count == 0) return 0;
        return reference.Length switch
        {
            1 => reference[0] - inside.Min(p => p[0]),
            2 => Sweep2D(inside, reference[0], reference[1]),
            _ => Slice3D(inside, reference),
        };
    }

    static bool StrictlyBetter(double[] p, double[] reference)
    {
        for (int i = 0; i < p.Length; i++) if (!(p[i] < reference[i])) return false;
        return true;
    }

    /// <summary>Area dominated by points (x, y) that all lie strictly inside the reference box.</summary>
    static double Sweep2D(IEnumerable<double[]> points, double refX, double refY)
    {
        double area = 0, lowestY = refY;
        foreach (var p in points.OrderBy(p => p[0]).ThenBy(p => p[1]))
        {
            if (p[1] >= lowestY) continue; // dominated by (or equal to) an earlier point
            area += (refX - p[0]) * (lowestY - p[1]);
            lowestY = p[1];
        }
        return area;
    }

    /// <summary>Between consecutive third-objective values the dominated cross-section is constant.</summary>
    static double Slice3D(List<double[]> points, double[] reference)
    {
        var byZ = points.OrderBy(p => p[2]).ToList();
        double volume = 0;
        for (int i = 0; i < byZ.Count; i++)
        {
            double top = i + 1 < byZ.Count ? byZ[i + 1][2] : reference[2];
            double height = top - byZ[i][2];
            if (height <= 0) continue;
            volume += Sweep2D(byZ.Take(i + 1), reference[0], reference[1]) * height;
        }
        return volume;
    }
}
