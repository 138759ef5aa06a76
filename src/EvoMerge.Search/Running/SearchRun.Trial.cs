using System.Diagnostics;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Objectives;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

public sealed partial class SearchRun
{
    TrialRequest Request(Candidate candidate, int generation) =>
        new(RunId, _setup.Evaluator.ConfigHash, candidate.Id, generation, candidate.Genes, TrialSeeds.For(_setup.Config.Seed, candidate.Id));

    /// <summary>Journals one trial's result (objectives are computed here, from its metrics) and returns what the optimizer is told.</summary>
    /// <param name="keepScores">Journal the per-example scores even for an optimizer that does not read them.</param>
    /// <param name="examples">How many examples scored the trial, for the examples column (IRT runs).</param>
    TrialOutcome Record(TrialResult result, int generation, bool keepScores = false, int? examples = null)
    {
        JournalEvent journalEvent;
        TrialOutcome outcome;
        if (result.Succeeded)
        {
            var metrics = result.Metrics ?? throw new InvalidOperationException($"trial {result.TrialId} succeeded without metrics.");
            var objectives = _setup.Objectives.Compute(metrics);
            // Per-example scores are journaled only for optimizers that read them (a replay must tell them
            // again); for the others they would multiply the journal's size for nothing.
            var journaled = keepScores || _optimizerDescriptor.Capabilities.JournalsPerExampleScores ? result.PerExampleScores : null;
            journalEvent = new TrialCompleted(result.TrialId, generation, objectives, metrics, journaled, result.Seconds) { Worker = result.Worker, Examples = examples };
            outcome = TrialOutcome.Success(result.TrialId, ObjectiveSet.ForOptimizer(objectives), result.PerExampleScores);
        }
        else
        {
            string reason = result.FailureReason!;
            journalEvent = new TrialFailed(result.TrialId, generation, reason, result.Seconds) { Worker = result.Worker };
            outcome = TrialOutcome.Failure(result.TrialId, reason);
        }
        Timings.Time("journal", () =>
        {
            Append(journalEvent);
            if (Stopwatch.GetElapsedTime(_lastCommit) >= _options.CommitInterval) Commit();
        });
        return outcome;
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
