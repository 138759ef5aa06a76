using EvoMerge.Core.Pareto;

namespace EvoMerge.Reporting.Analysis;

/// <summary>
/// The hypervolume of a run's Pareto front for 2 or 3 objectives. The reference point is the worst
/// completed value of each objective moved a tenth of that objective's range (over the run's completed
/// trials) further out, so the extreme points of the front add volume too (at the worst value itself
/// they would add none). That reference needs no configuration but depends on the run: values compare
/// states of one run, not runs.
/// </summary>
internal sealed record FrontHypervolume(double Value, IReadOnlyList<double> Reference)
{
    /// <summary>How far beyond the worst value the reference lies, as a fraction of the objective's range.</summary>
    public const double RangeMargin = 0.1;

    /// <summary>Null with a reason when the hypervolume is not defined here.</summary>
    public static FrontHypervolume? TryCompute(RunView run, out string? whyNot)
    {
        int objectives = run.Schema.Objectives.Count;
        bool[] maximize = run.Schema.Maximize;
        whyNot = null;
        if (objectives < 2 || objectives > Hypervolume.MaxObjectives)
        {
            whyNot = $"hypervolume is computed for 2 or 3 objectives, this run has {objectives}";
            return null;
        }

        var all = run.Completed
            .Select(t => t.Completion!.Objectives)
            .Where(o => o.All(double.IsFinite))
            .Select(o => o.Select((v, k) => ObjectiveSense.AsMinimized(v, maximize[k])).ToArray())
            .ToList();
        if (all.Count == 0 || run.ParetoFront.Any(t => !t.Completion!.Objectives.All(double.IsFinite)))
        {
            whyNot = "hypervolume needs a front of finite objective values";
            return null;
        }

        var flat = Enumerable.Range(0, objectives).FirstOrDefault(k => all.Max(p => p[k]) == all.Min(p => p[k]), -1);
        if (flat >= 0)
        {
            whyNot = $"objective \"{run.Schema.Objectives[flat].Name}\" has the same value in every completed trial";
            return null;
        }

        double[] reference = Enumerable.Range(0, objectives)
            .Select(k => all.Max(p => p[k]) + RangeMargin * (all.Max(p => p[k]) - all.Min(p => p[k])))
            .ToArray();
        var front = run.ParetoFront
            .Select(t => t.Completion!.Objectives.Select((v, k) => ObjectiveSense.AsMinimized(v, maximize[k])).ToArray())
            .ToList();
        double value = Hypervolume.Compute(front, reference);
        var natural = reference.Select((r, k) => maximize[k] ? -r : r).ToArray();
        return new FrontHypervolume(value, natural);
    }
}
