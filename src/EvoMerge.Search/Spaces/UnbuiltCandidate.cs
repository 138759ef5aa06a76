using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Spaces;

/// <summary>A candidate whose build failed (a merge that does not run): scoring it gives the failure, with no time spent.</summary>
public sealed class UnbuiltCandidate(string reason) : IPreparedCandidate
{
    public string Reason { get; } = reason;

    public TrialEvaluation Score(TaskSuite tasks, PhaseTimings? timings, CancellationToken ct) => new TrialEvaluation.Failed(Reason, 0);

    public void Dispose()
    {
    }
}
