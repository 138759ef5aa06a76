using System.Globalization;
using System.Text;
using EvoMerge.Optimizers.Benchmarks;

namespace EvoMerge.Experiments.OptimizerBenchmarks;

/// <summary>Medians per optimizer, function and dimension next to pycma's reference numbers.</summary>
public sealed record OptimizerBenchmarkSummary(
    IReadOnlyList<OptimizerBenchmarkSummary.Line> Lines, IReadOnlyList<OptimizerBenchmarkSummary.OverheadLine> Overheads)
{
    public sealed record Line(string Optimizer, string Function, int Dimension, int Runs, int Reached,
        double MedianEvaluations, double? PycmaMedianEvaluations)
    {
        /// <summary>
        /// Median evaluations over pycma's; only when more than half the runs reached the target, so
        /// the median is an evaluations-to-target figure and not a budget cap.
        /// </summary>
        public double? Ratio => PycmaMedianEvaluations is { } p && 2 * Reached > Runs ? MedianEvaluations / p : null;
    }

    public sealed record OverheadLine(string Optimizer, int Dimension, double MsPerGeneration, double? PycmaMsPerGeneration);

    public static OptimizerBenchmarkSummary From(IReadOnlyList<OptimizerBenchmarkRow> rows)
    {
        var lines = rows.Where(r => r.Evaluations is not null)
            .GroupBy(r => (r.Optimizer, r.Function, r.Dimension))
            .Select(g => new Line(g.Key.Optimizer, g.Key.Function, g.Key.Dimension, g.Count(), g.Count(r => r.Reached == true),
                Median(g.Select(r => (double)r.Evaluations!.Value)), PycmaReference.MedianEvaluations(g.Key.Function, g.Key.Dimension)))
            .ToList();
        var overheads = rows.Where(r => r.Evaluations is null)
            .Select(r => new OverheadLine(r.Optimizer, r.Dimension, r.MsPerGeneration, PycmaReference.OverheadMsPerGeneration(r.Dimension)))
            .ToList();
        return new OptimizerBenchmarkSummary(lines, overheads);
    }

    static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine("optimizer    function    dim  reached  median evals  pycma   ratio");
        foreach (var l in Lines)
            s.AppendLine(string.Format(c, "{0,-12} {1,-11} {2,3}  {3,3}/{4,-3}  {5,12:F0}  {6,6}  {7,5}",
                l.Optimizer, l.Function, l.Dimension, l.Reached, l.Runs, l.MedianEvaluations,
                l.PycmaMedianEvaluations?.ToString("F0", c) ?? "-", l.Ratio?.ToString("F2", c) ?? "-"));
        if (Overheads.Count > 0) s.AppendLine("optimizer    overhead    dim  ms/gen  pycma ms/gen");
        foreach (var o in Overheads)
            s.AppendLine(string.Format(c, "{0,-12} {1,-11} {2,4}  {3,6:F3}  {4}",
                o.Optimizer, "overhead", o.Dimension, o.MsPerGeneration, o.PycmaMsPerGeneration?.ToString(c) ?? "-"));
        return s.ToString();
    }
}
