using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Best;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Reporting.Analysis;

/// <summary>Which completed trials are best: by one objective, or the Pareto front for several.</summary>
internal static class BestTrials
{
    /// <summary>How many trials the gene plot shows at most.</summary>
    public const int GenePlotRows = 12;

    /// <summary>Completed trials with a number on <paramref name="objective"/>, best first, ties by trial id.</summary>
    public static IReadOnlyList<TrialRecord> Ranked(RunView run, int objective)
    {
        bool maximize = run.Schema.Objectives[objective].Maximize;
        var scored = run.Completed.Where(t => !double.IsNaN(BestSoFar.ValueOf(t, objective)));
        return (maximize
                ? scored.OrderByDescending(t => BestSoFar.ValueOf(t, objective))
                : scored.OrderBy(t => BestSoFar.ValueOf(t, objective)))
            .ThenBy(t => t.TrialId)
            .ToList();
    }

    /// <summary>The trial <c>best/&lt;objective&gt;/</c> of the run holds (<see cref="RunFront.Best"/>); null when none is ranked.</summary>
    public static TrialRecord? Best(RunView run, int objective) =>
        RunFront.Best(run.ParetoFront, run.Schema.Maximize, objective, run.Schema.Objectives[objective].TieBreak);

    /// <summary>
    /// The trials whose genes the gene plot shows: the top ones by the only objective, or for several
    /// objectives the Pareto front ordered by the first objective (evenly thinned when larger than
    /// <see cref="GenePlotRows"/>, so both ends of the front stay).
    /// </summary>
    public static IReadOnlyList<TrialRecord> ForGenePlot(RunView run)
    {
        if (run.Schema.Objectives.Count == 1)
        {
            return Ranked(run, 0).Take(GenePlotRows).ToList();
        }

        var frontIds = run.ParetoFront.Select(t => t.TrialId).ToHashSet();
        var front = Ranked(run, 0).Where(t => frontIds.Contains(t.TrialId)).ToList();
        if (front.Count <= GenePlotRows)
        {
            return front;
        }

        return Enumerable.Range(0, GenePlotRows)
            .Select(i => front[(int)Math.Round(i * (front.Count - 1) / (double)(GenePlotRows - 1))])
            .ToList();
    }
}
