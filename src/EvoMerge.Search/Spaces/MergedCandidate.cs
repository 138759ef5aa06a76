using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Spaces;

/// <summary>A parameter-space candidate merged in memory; it owns the merged tensors until disposed.</summary>
public sealed class MergedCandidate(MergedModel model) : IPreparedCandidate
{
    public TrialEvaluation Score(TaskSuite tasks, PhaseTimings? timings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return timings is null ? tasks.Evaluate(model, ct) : timings.Time("evaluate", () => tasks.Evaluate(model, ct));
    }

    public void Dispose() => model.Dispose();
}
