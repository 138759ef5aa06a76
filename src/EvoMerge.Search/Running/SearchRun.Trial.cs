using System.Diagnostics;
using EvoMerge.Core.Optimization;
using EvoMerge.Evaluation;
using EvoMerge.Runs.Storage;
using EvoMerge.Search.Objectives;

namespace EvoMerge.Search.Running;

public sealed partial class SearchRun
{
    /// <summary>
    /// Materializes and evaluates one candidate. Anything that goes wrong with this candidate alone (a merge
    /// that fails, an evaluator error, a non-finite metric) becomes a failed trial; fatal errors and
    /// cancellation propagate.
    /// </summary>
    (JournalEvent Event, TrialOutcome Outcome) RunTrial(Candidate candidate, int generation, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var result = _setup.Space.Evaluate(candidate.Id, candidate.Genes, _setup.Fitness, Timings, ct);
        double seconds = clock.Elapsed.TotalSeconds;
        switch (result)
        {
            case TrialEvaluation.Completed done:
                var objectives = _setup.Objectives.Compute(done.Metrics);
                // Per-example scores are journaled only for optimizers that read them (a replay must tell them
                // again); for the others they would multiply the journal's size for nothing.
                var journaled = _setup.Config.Optimizer.Name == "m2n2" ? done.PerExampleScores : null;
                return (new TrialCompleted(candidate.Id, generation, objectives, done.Metrics, journaled, seconds),
                        TrialOutcome.Success(candidate.Id, ObjectiveSet.ForOptimizer(objectives), done.PerExampleScores));
            case TrialEvaluation.Failed failed:
                return (new TrialFailed(candidate.Id, generation, failed.Reason, seconds), TrialOutcome.Failure(candidate.Id, failed.Reason));
            default:
                throw new InvalidOperationException($"unexpected evaluation result {result.GetType().Name}.");
        }
    }

    SearchProgress Progress(int generation, bool replaying)
    {
        var elapsed = _clock.Elapsed;
        double rate = Timings.Trials / Math.Max(elapsed.TotalSeconds, 1e-9);
        TimeSpan? eta = null;
        if (_setup.Config.Budget.Evaluations is long budget && rate > 0)
            eta = TimeSpan.FromSeconds(Math.Max(0, budget - _tally.Finished) / rate);
        if (_setup.Config.Budget.WallTime is TimeSpan wall)
        {
            var left = wall - Elapsed;
            if (left < TimeSpan.Zero) left = TimeSpan.Zero;
            eta = eta is null || left < eta ? left : eta;
        }
        return new SearchProgress(generation, _tally.Finished, _tally.Failed, _setup.Config.Budget.Evaluations, _tally.Best, Elapsed, rate, eta, replaying);
    }
}
