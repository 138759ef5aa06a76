using System.Globalization;
using System.Text;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Reporting.Analysis;

/// <summary>The text summary of a run that <c>report</c> prints: counts, failures, best trials, front, generations.</summary>
internal static class RunSummary
{
    private const int GenesShown = 8;
    private const int ReasonsShown = 3;

    public static string Build(RunView run, IReadOnlyList<string> files, IReadOnlyList<string> notes)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Run {run.Name} ({Status(run)})\n");
        text.Append(CultureInfo.InvariantCulture, $"  folder: {run.Folder}\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Trials: {run.Evaluations.Count} evaluated ({run.Completed.Count} completed, {run.Failed.Count} failed), {run.PendingCount} pending\n");
        AppendFailures(text, run);
        text.Append(Generations(run)).Append('\n');
        AppendObjectives(text, run);
        AppendFront(text, run);
        if (files.Count > 0)
        {
            text.Append("Plots:\n");
            foreach (string file in files)
            {
                text.Append("  ").Append(file).Append('\n');
            }
        }

        foreach (string note in notes)
        {
            text.Append("Note: ").Append(note).Append('\n');
        }

        return text.ToString();
    }

    private static string Status(RunView run)
    {
        string status = run.IsFinished ? $"finished: {string.Join("; ", run.State.Finished!.Reasons)}" : "in progress or stopped";
        return run.TornLastLine is { } torn ? $"{status}; journal line {torn.LineNumber} incomplete, ignored" : status;
    }

    private static void AppendFailures(StringBuilder text, RunView run)
    {
        if (run.Failed.Count == 0)
        {
            return;
        }

        text.Append("Most common failures:\n");
        foreach (var (reason, count) in FailureReasons.MostCommon(run, ReasonsShown))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {count} x {reason}\n");
        }
    }

    private static string Generations(RunView run) => run.State.Batches.Count switch
    {
        0 => "Generations: none asked yet",
        1 => $"Generations: 1 (generation {run.State.Batches[0].Generation})",
        int n => $"Generations: {n} ({run.State.Batches[0].Generation} to {run.State.Batches[^1].Generation})",
    };

    private static void AppendObjectives(StringBuilder text, RunView run)
    {
        text.Append("Best per objective:\n");
        for (int k = 0; k < run.Schema.Objectives.Count; k++)
        {
            var objective = run.Schema.Objectives[k];
            var best = BestTrials.Best(run, k);
            if (best is null)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {objective.Name} ({ObjectiveSense.Word(objective.Maximize)}): no completed trial with a value yet\n");
                continue;
            }

            text.Append(CultureInfo.InvariantCulture,
                $"  {objective.Name} ({ObjectiveSense.Word(objective.Maximize)}): {Number(best.Completion!.Objectives[k])} at trial {best.TrialId} (generation {best.Generation})\n");
            text.Append("    genes: ").Append(Genes(run, best)).Append('\n');
        }
    }

    private static string Genes(RunView run, TrialRecord trial)
    {
        var shown = run.Schema.Genes.Take(GenesShown).Select((name, g) => $"{name}={Number(trial.Genes[g])}");
        int more = run.Schema.Genes.Count - GenesShown;
        return string.Join(", ", shown) + (more > 0 ? $", ... ({more} more in trials.csv)" : "");
    }

    private static void AppendFront(StringBuilder text, RunView run)
    {
        if (run.Schema.Objectives.Count < 2)
        {
            return;
        }

        var ids = run.ParetoFront.Select(t => t.TrialId.ToString(CultureInfo.InvariantCulture)).ToList();
        string listed = ids.Count <= 20 ? string.Join(", ", ids) : string.Join(", ", ids.Take(20)) + ", ...";
        int points = run.ParetoFront.Select(t => string.Join(",", t.Completion!.Objectives.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Distinct().Count();
        string shared = points < ids.Count ? $" at {points} distinct objective {(points == 1 ? "point" : "points")}" : "";
        text.Append(CultureInfo.InvariantCulture, $"Pareto front: {ids.Count} trials{shared}{(ids.Count > 0 ? $" ({listed})" : "")}\n");
        var hypervolume = FrontHypervolume.TryCompute(run, out string? whyNot);
        if (hypervolume is not null)
        {
            // The reference lies beyond the worst value: below it for maximized objectives, above for minimized ones.
            string reference = string.Join(", ", run.Schema.Objectives.Select((o, k) => $"{o.Name} {Number(hypervolume.Reference[k])}"));
            text.Append(CultureInfo.InvariantCulture,
                $"  hypervolume: {Number(hypervolume.Value)} (reference point {reference}: each objective's worst completed value moved a tenth of its range further toward worse)\n");
        }
        else if (run.ParetoFront.Count > 0)
        {
            text.Append("  hypervolume: not computed, ").Append(whyNot).Append('\n');
        }
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
