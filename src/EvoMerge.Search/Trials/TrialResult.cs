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
}
