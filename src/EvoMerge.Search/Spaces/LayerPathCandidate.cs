using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Llama;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Spaces;

/// <summary>A data-flow candidate: a view over the source models' layers, which copies no weights and owns nothing.</summary>
public sealed class LayerPathCandidate(LayerPathModel view) : IPreparedCandidate
{
    public TrialEvaluation Score(TaskSuite tasks, PhaseTimings? timings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return timings is null ? tasks.Evaluate(view, ct) : timings.Time("evaluate", () => tasks.Evaluate(view, ct));
    }

    public void Dispose()
    {
    }
}
