using EvoMerge.Core.Pareto;
using EvoMerge.Dashboard.Live;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Dashboard.Analysis;

/// <summary>
/// Hypervolume against evaluations for runs with the same objectives, so their progress compares on
/// one scale: objectives are turned to minimization and normalized to [0, 1] over all runs' completed
/// trials, and the reference point is 1.1 in each (the worst value plus a tenth of the range, so the
/// extreme front points count). Sampled at up to <see cref="Samples"/> evaluation counts per run.
/// </summary>
public static class HypervolumeCurve
{
    public const int Samples = 80;
    public const double Reference = 1.1;

    public sealed record Curve(string Run, IReadOnlyList<(int Evaluations, double Hypervolume)> Points);

    /// <summary>The curves, or null with a reason when the runs cannot share one.</summary>
    public static IReadOnlyList<Curve>? Compute(IReadOnlyList<(string Run, RunSchema Schema, IReadOnlyList<TrialPoint> Points)> runs, out string? whyNot)
    {
        whyNot = null;
        if (runs.Count == 0) { whyNot = "no run"; return null; }
        var names = runs[0].Schema.Objectives;
        if (runs.Any(r => !r.Schema.Objectives.SequenceEqual(names)))
        {
            whyNot = "the runs do not have the same objectives";
            return null;
        }

        if (names.Count > Hypervolume.MaxObjectives)
        {
            whyNot = $"hypervolume is computed for 1 to {Hypervolume.MaxObjectives} objectives, these runs have {names.Count}";
            return null;
        }

        var minimized = runs.Select(r => r.Points.Select(p => p.Objectives is { } o && o.All(double.IsFinite)
            ? o.Select((v, k) => names[k].Maximize ? -v : v).ToArray()
            : null).ToList()).ToList();
        var all = minimized.SelectMany(r => r).OfType<double[]>().ToList();
        if (all.Count == 0) { whyNot = "no completed trial yet"; return null; }
        var low = Enumerable.Range(0, names.Count).Select(k => all.Min(p => p[k])).ToArray();
        var high = Enumerable.Range(0, names.Count).Select(k => all.Max(p => p[k])).ToArray();
        double[] Normalize(double[] p) => p.Select((v, k) => high[k] > low[k] ? (v - low[k]) / (high[k] - low[k]) : 0).ToArray();
        var reference = Enumerable.Repeat(Reference, names.Count).ToArray();

        var curves = new List<Curve>();
        for (int r = 0; r < runs.Count; r++)
        {
            var points = minimized[r];
            int step = Math.Max(1, (points.Count + Samples - 1) / Samples);
            var front = new List<double[]>();
            var curve = new List<(int, double)>();
            for (int i = 0; i < points.Count; i++)
            {
                if (points[i] is { } p) front = WithPoint(front, Normalize(p));
                if ((i + 1) % step == 0 || i == points.Count - 1) curve.Add((i + 1, Hypervolume.Compute(front, reference)));
            }

            curves.Add(new Curve(runs[r].Run, curve));
        }

        return curves;
    }

    /// <summary>The non-dominated set after adding <paramref name="p"/> (minimization).</summary>
    private static List<double[]> WithPoint(List<double[]> front, double[] p)
    {
        if (front.Any(q => Dominates(q, p) || q.SequenceEqual(p))) return front;
        var next = front.Where(q => !Dominates(p, q)).ToList();
        next.Add(p);
        return next;
    }

    private static bool Dominates(double[] a, double[] b)
    {
        bool better = false;
        for (int k = 0; k < a.Length; k++)
        {
            if (a[k] > b[k]) return false;
            if (a[k] < b[k]) better = true;
        }

        return better;
    }
}
