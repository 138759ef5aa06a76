using EvoMerge.Core.Pareto;

namespace EvoMerge.Reporting;

/// <summary>
/// The hypervolume of a run's Pareto front for 2 or 3 objectives, with the worst completed value of
/// each objective (over all the run's completed trials) as the reference point. That reference needs no
/// configuration but depends on the run, so values compare trials of one run, not runs.
/// </summary>
internal sealed record FrontHypervolume(double Value, IReadOnlyList<double> Reference)
{
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

        double[] reference = Enumerable.Range(0, objectives).Select(k => all.Max(p => p[k])).ToArray();
        var front = run.ParetoFront
            .Select(t => t.Completion!.Objectives.Select((v, k) => ObjectiveSense.AsMinimized(v, maximize[k])).ToArray())
            .ToList();
        double value = Hypervolume.Compute(front, reference);
        var natural = reference.Select((r, k) => maximize[k] ? -r : r).ToArray();
        return new FrontHypervolume(value, natural);
    }
}
