using System.Runtime.ExceptionServices;
using EvoMerge.Evaluation.Contracts;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// One candidate staged for the tasks of a <see cref="TaskSuite"/> whose evaluators stage (<see cref="IStagingEvaluator"/>:
/// a command task's files written), ahead of its evaluation. Whatever went wrong while staging a task is kept and
/// thrown when that task is evaluated, so it fails the trial (or stops the run) at the same point as before.
/// Disposing removes what was staged.
/// </summary>
public sealed class StagedTasks : IDisposable
{
    readonly Dictionary<TaskEvaluator, IStagedEvaluation> staged = [];
    readonly Dictionary<TaskEvaluator, ExceptionDispatchInfo> failed = [];

    internal StagedTasks(TaskSuite suite) => Suite = suite;

    /// <summary>The suite the candidate was staged for (a race slice or anchor suite stages its own).</summary>
    public TaskSuite Suite { get; }

    internal void Add(TaskEvaluator task, IStagedEvaluation evaluation) => staged[task] = evaluation;

    internal void Fail(TaskEvaluator task, Exception error) => failed[task] = ExceptionDispatchInfo.Capture(error);

    /// <summary>The task's staged evaluation, or null when it was not staged; throws what staging it threw.</summary>
    internal IStagedEvaluation? For(TaskEvaluator task)
    {
        if (failed.TryGetValue(task, out var error)) error.Throw();
        return staged.GetValueOrDefault(task);
    }

    public void Dispose()
    {
        foreach (var evaluation in staged.Values) evaluation.Dispose();
        staged.Clear();
    }
}
