using EvoMerge.Core.Pareto;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Storage.Best;

/// <summary>
/// The Pareto front of a run and its best trials, computed in one place for everything that reads a run
/// (search outputs, export, reports). Only completed trials whose objectives are all finite numbers take
/// part: a NaN or infinite value cannot be ranked, so such a trial is never a "best". Objectives keep their
/// natural sense (<c>maximize[k]</c>); dominance comes from Core, which minimizes.
/// </summary>
public static class RunFront
{
    /// <summary>The name of the balanced pick (a folder under <c>best/</c> and a value of <c>export --best</c>).</summary>
    public const string BalancedName = "balanced";

    /// <summary>The completed trials no other ranked trial dominates, by trial id.</summary>
    public static IReadOnlyList<TrialRecord> Of(RunState state, IReadOnlyList<bool> maximize)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(maximize);
        var ranked = state.Trials
            .Where(t => t.Completion is { } c && c.Objectives.Count == maximize.Count && c.Objectives.All(double.IsFinite))
            .ToList();
        if (ranked.Count == 0 || maximize.Count == 0) return [];
        var points = ranked.Select(t => ForMinimization(t.Completion!.Objectives, maximize)).ToList();
        return ParetoFront.Of(points).Select(i => ranked[i]).ToList();
    }

    /// <summary>
    /// Among the front, the trial with the best value of objective <paramref name="objective"/>; ties go to
    /// the objective's own tie-break metrics (<paramref name="tieBreak"/>, in order), then to the trial better
    /// on the other objectives (their sum, each normalized to [0, 1] over the front), then to the lowest trial
    /// id. Null when no trial is ranked.
    /// </summary>
    public static TrialRecord? Best(IReadOnlyList<TrialRecord> front, IReadOnlyList<bool> maximize, int objective,
        IReadOnlyList<string>? tieBreak = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(objective);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(objective, maximize.Count);
        if (front.Count == 0) return null;
        var goodness = Normalized(front, maximize);
        var metricsOrder = Comparer<IReadOnlyDictionary<string, double>>.Create((a, b) => TieBreaker.Compare(tieBreak ?? [], a, b));
        return Enumerable.Range(0, front.Count)
            .OrderByDescending(i => Sense(front[i].Completion!.Objectives[objective], maximize[objective]))
            .ThenByDescending(i => front[i].Completion!.Metrics, metricsOrder)
            .ThenByDescending(i => Enumerable.Range(0, maximize.Count).Where(k => k != objective).Sum(k => goodness[i][k]))
            .ThenBy(i => front[i].TrialId)
            .Select(i => front[i])
            .First();
    }

    /// <summary>
    /// With two or more objectives: the front trial closest (Euclidean) to the ideal point once each objective
    /// is normalized to [0, 1] over the front (1 = the front's best); ties to the lowest trial id. Null with
    /// one objective or no ranked trial.
    /// </summary>
    public static TrialRecord? Balanced(IReadOnlyList<TrialRecord> front, IReadOnlyList<bool> maximize)
    {
        if (maximize.Count < 2 || front.Count == 0) return null;
        var goodness = Normalized(front, maximize);
        return Enumerable.Range(0, front.Count)
            .OrderBy(i => goodness[i].Sum(g => (1 - g) * (1 - g)))
            .ThenBy(i => front[i].TrialId)
            .Select(i => front[i])
            .First();
    }

    /// <summary>Each objective's best trial (in schema order, skipped when none is ranked), then the balanced one as <see cref="BalancedName"/>.</summary>
    public static IReadOnlyList<(string Name, TrialRecord Trial)> Picks(RunState state, RunSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var maximize = schema.Maximize;
        var front = Of(state, maximize);
        var picks = new List<(string, TrialRecord)>();
        for (int k = 0; k < maximize.Length; k++)
            if (Best(front, maximize, k, schema.Objectives[k].TieBreak) is { } best) picks.Add((schema.Objectives[k].Name, best));
        if (Balanced(front, maximize) is { } balanced) picks.Add((BalancedName, balanced));
        return picks;
    }

    static double Sense(double value, bool maximize) => maximize ? value : -value;

    static double[] ForMinimization(IReadOnlyList<double> objectives, IReadOnlyList<bool> maximize) =>
        objectives.Select((v, k) => -Sense(v, maximize[k])).ToArray();

    /// <summary>Per front trial and objective: 0 = the front's worst, 1 = its best (1 when all are equal).</summary>
    static double[][] Normalized(IReadOnlyList<TrialRecord> front, IReadOnlyList<bool> maximize)
    {
        var result = front.Select(_ => new double[maximize.Count]).ToArray();
        for (int k = 0; k < maximize.Count; k++)
        {
            var values = front.Select(t => Sense(t.Completion!.Objectives[k], maximize[k])).ToArray();
            double low = values.Min(), high = values.Max();
            for (int i = 0; i < values.Length; i++)
                result[i][k] = high > low ? (values[i] - low) / (high - low) : 1;
        }
        return result;
    }
}
