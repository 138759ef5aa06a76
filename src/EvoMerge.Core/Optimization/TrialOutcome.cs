namespace EvoMerge.Core.Optimization;

/// <summary>
/// What the caller reports back for one candidate. Objective values are *minimized* by every
/// optimizer (the run layer negates metrics that should grow, such as accuracy). Per-example
/// scores are "higher is better" (e.g. 1 = correct) and feed M2N2's resource competition.
/// </summary>
public abstract record TrialOutcome(long CandidateId)
{
    public static Completed Success(long id, double[] objectives, double[]? perExampleScores = null) =>
        new(id, objectives, perExampleScores);

    public static Failed Failure(long id, string reason) => new(id, reason);

    public sealed record Completed(long CandidateId, double[] Objectives, double[]? PerExampleScores)
        : TrialOutcome(CandidateId);

    public sealed record Failed(long CandidateId, string Reason) : TrialOutcome(CandidateId);
}
