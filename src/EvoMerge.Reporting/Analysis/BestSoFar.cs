using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Reporting.Analysis;

/// <summary>
/// The best value of one objective after each evaluation (finished trials in id order). Failed
/// trials count as evaluations but never improve; NaN until the first completed number.
/// </summary>
internal static class BestSoFar
{
    public static double[] Of(RunView run, int objective)
    {
        bool maximize = run.Schema.Objectives[objective].Maximize;
        var best = new double[run.Evaluations.Count];
        double incumbent = double.NaN;
        for (int i = 0; i < best.Length; i++)
        {
            if (run.Evaluations[i].Completion is { } completion && ObjectiveSense.Improves(completion.Objectives[objective], incumbent, maximize))
            {
                incumbent = completion.Objectives[objective];
            }

            best[i] = incumbent;
        }

        return best;
    }

    /// <summary>The value a trial reached on an objective; NaN for a failed or pending trial.</summary>
    public static double ValueOf(TrialRecord trial, int objective) =>
        trial.Completion is { } completion ? completion.Objectives[objective] : double.NaN;
}
