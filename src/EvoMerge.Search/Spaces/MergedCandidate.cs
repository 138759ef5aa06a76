using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Spaces;

/// <summary>
/// A parameter-space candidate merged in memory; it owns the merged tensors, and what was staged for its tasks
/// (a command task's files), until disposed.
/// </summary>
public sealed class MergedCandidate(MergedModel model) : IPreparedCandidate
{
    StagedTasks? staged;

    public void Stage(TaskSuite tasks, PhaseTimings? timings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (!tasks.Stages || staged?.Suite == tasks) return;
        staged?.Dispose();
        staged = null;
        staged = timings is null ? tasks.Stage(model, ct) : timings.Time("evaluate", () => tasks.Stage(model, ct));
    }

    public TrialEvaluation Score(TaskSuite tasks, PhaseTimings? timings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var ready = staged?.Suite == tasks ? staged : null;
        return timings is null ? tasks.Evaluate(model, ct, ready) : timings.Time("evaluate", () => tasks.Evaluate(model, ct, ready));
    }

    public void Dispose()
    {
        staged?.Dispose();
        model.Dispose();
    }
}
