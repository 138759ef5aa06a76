using System.Diagnostics;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Trials;

/// <summary>
/// A trial whose candidate is built (<see cref="TrialEvaluator.Prepare"/>) and not yet scored. Disposing frees
/// the candidate, scored or not: a farm slot that holds one ahead releases it when the slot stops.
/// </summary>
public sealed class PreparedTrial : IDisposable
{
    readonly IPreparedCandidate candidate;
    readonly TaskSuite fitness;

    internal PreparedTrial(long trialId, IPreparedCandidate candidate, TaskSuite fitness, double buildSeconds)
    {
        TrialId = trialId;
        this.candidate = candidate;
        this.fitness = fitness;
        BuildSeconds = buildSeconds;
    }

    public long TrialId { get; }

    /// <summary>The race slice the request named, echoed on the result so a late answer to another request is told apart.</summary>
    public FitnessSlice? Slice { get; init; }

    /// <summary>Whether the request named anchors (echoed like <see cref="Slice"/>).</summary>
    public bool Anchored { get; init; }

    /// <summary>Time spent building the candidate (merging it); the result's seconds add the scoring time.</summary>
    public double BuildSeconds { get; }

    /// <summary>Scores the candidate; its problems (an evaluator error, a non-finite metric, a failed merge) give a failed result.</summary>
    public TrialResult Score(PhaseTimings? timings, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var evaluation = candidate.Score(fitness, timings, ct);
        double seconds = BuildSeconds + clock.Elapsed.TotalSeconds;
        var result = evaluation switch
        {
            TrialEvaluation.Completed done => new TrialResult(TrialId, done.Metrics, done.PerExampleScores, null, seconds),
            TrialEvaluation.Failed failed => new TrialResult(TrialId, null, null, failed.Reason, seconds),
            _ => throw new InvalidOperationException($"unexpected evaluation result {evaluation.GetType().Name}."),
        };
        return result with { Slice = Slice, Anchored = Anchored };
    }

    public void Dispose() => candidate.Dispose();
}
