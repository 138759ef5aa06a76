using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Trials;

/// <summary>
/// What evaluating one <see cref="TrialRequest"/> gave: the task metric columns (and per-example scores when
/// every task gives them), or why this candidate failed. Objectives are computed by the coordinator, so a
/// worker needs no knowledge of them. <see cref="Worker"/> names who evaluated it (null: not recorded).
/// </summary>
public sealed record TrialResult(long TrialId, IReadOnlyDictionary<string, double>? Metrics, double[]? PerExampleScores, string? FailureReason, double Seconds)
{
    public bool Succeeded => FailureReason is null;

    public string? Worker { get; init; }

    /// <summary>
    /// The slice the request named (echoed by the evaluator): a trial id is asked again for each slice of a race
    /// and for the winner check, so a late result of an earlier request must not pass for the current one.
    /// </summary>
    public FitnessSlice? Slice { get; init; }

    /// <summary>Whether the request named anchors (echoed like <see cref="Slice"/>).</summary>
    public bool Anchored { get; init; }
}
