using System.Diagnostics;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Llama;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// One task's evaluator, with the metrics it fills, how many per-example scores it gives, and (where the
/// evaluator can) a check of merged tensor specs against what it needs, run before any weights are read.
/// </summary>
public sealed record TaskEvaluator(
    TaskSpec Task,
    IEvaluator Evaluator,
    IReadOnlyList<string> Metrics,
    int Examples,
    Func<IReadOnlyList<TensorSpec>, IReadOnlyList<string>>? FindProblems = null,
    Func<ICausalLm, CancellationToken, EvaluationResult>? ScoreModel = null);

/// <summary>
/// All tasks of a run on one split (fitness data, or test data for the final report): evaluates a merged
/// model on each task in turn and gathers metric columns (<c>task.&lt;task&gt;.&lt;metric&gt;</c>) and the
/// per-example scores of every task, concatenated in task order. A task that fails fails the trial, with
/// the task named in the reason.
/// </summary>
public sealed class TaskSuite : IDisposable
{
    readonly IReadOnlyList<TaskEvaluator> _tasks;

    public TaskSuite(IReadOnlyList<TaskEvaluator> tasks)
    {
        _tasks = tasks ?? throw new ArgumentNullException(nameof(tasks));
        MetricColumns = tasks.SelectMany(t => t.Metrics.Select(m => TaskColumns.Metric(t.Task.Name, m))).ToList();
        Examples = tasks.Sum(t => t.Examples);
    }

    public IReadOnlyList<TaskEvaluator> Tasks => _tasks;

    public IReadOnlyList<string> MetricColumns { get; }

    /// <summary>Length of the concatenated per-example score vector (0 when some task gives none).</summary>
    public int Examples { get; }

    /// <summary>Problems that would make every evaluation fail, found from the merged tensors' specs alone.</summary>
    public IReadOnlyList<string> FindProblems(IReadOnlyList<TensorSpec> specs)
    {
        var problems = new List<string>();
        foreach (var t in _tasks)
            if (t.FindProblems is { } check)
                problems.AddRange(check(specs).Select(p => $"tasks.{t.Task.Name}: {p}"));
        return problems;
    }

    /// <summary>Runs every task (stopping at the first failure); throws only for fatal errors and cancellation.</summary>
    /// <param name="staged">The model as staged for this suite by <see cref="Stage"/> (null: not staged).</param>
    public TrialEvaluation Evaluate(MergedModel model, CancellationToken ct, StagedTasks? staged = null)
    {
        if (staged is not null && staged.Suite != this) throw new ArgumentException("the candidate was staged for another task suite.", nameof(staged));
        return Evaluate(t => staged is null
            ? EvaluationGuard.Run(t.Evaluator, model, ct)
            : EvaluationGuard.Run(t.Evaluator.Name, () => staged.For(t) is { } ready ? ready.Evaluate(ct) : t.Evaluator.Evaluate(model, ct), ct), ct);
    }

    /// <summary>Whether some task stages its candidates (<see cref="IStagingEvaluator"/>).</summary>
    public bool Stages => _tasks.Any(t => t.Evaluator is IStagingEvaluator);

    /// <summary>
    /// Stages <paramref name="model"/> for the tasks that stage (writing a command task's files), ahead of
    /// <see cref="Evaluate(MergedModel, CancellationToken, StagedTasks?)"/>; a task whose staging fails fails
    /// when it is evaluated. Only cancellation throws here.
    /// </summary>
    public StagedTasks Stage(MergedModel model, CancellationToken ct)
    {
        var staged = new StagedTasks(this);
        try
        {
            foreach (var t in _tasks)
            {
                if (t.Evaluator is not IStagingEvaluator staging) continue;
                ct.ThrowIfCancellationRequested();
                try
                {
                    staged.Add(t, staging.Stage(model, ct));
                }
                catch (Exception error) when (error is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    staged.Fail(t, error);
                }
            }
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Whether every task can score a model view (data-flow candidates) rather than merged tensors.</summary>
    public bool ScoresModels => _tasks.All(t => t.ScoreModel is not null);

    /// <summary>Scores a model view (a data-flow layer path) on every task; all of them must be language tasks.</summary>
    public TrialEvaluation Evaluate(ICausalLm model, CancellationToken ct) =>
        Evaluate(t => t.ScoreModel is { } score
            ? EvaluationGuard.Run(t.Evaluator.Name, () => score(model, ct), ct)
            : throw new InvalidOperationException($"task {t.Task.Name} cannot score a model view."), ct);

    TrialEvaluation Evaluate(Func<TaskEvaluator, TrialEvaluation> run, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var scores = new List<double>(Examples);
        bool allScores = Examples > 0;
        foreach (var t in _tasks)
        {
            ct.ThrowIfCancellationRequested();
            var result = run(t);
            if (result is TrialEvaluation.Failed failed)
                return new TrialEvaluation.Failed($"task {t.Task.Name}: {failed.Reason}", clock.Elapsed.TotalSeconds);
            var completed = (TrialEvaluation.Completed)result;
            foreach (var metric in t.Metrics)
            {
                if (!completed.Metrics.TryGetValue(metric, out double value))
                    return new TrialEvaluation.Failed($"task {t.Task.Name}: the evaluator returned no '{metric}' metric (it gave: {string.Join(", ", completed.Metrics.Keys)}).", clock.Elapsed.TotalSeconds);
                metrics[TaskColumns.Metric(t.Task.Name, metric)] = value;
            }
            if (allScores && completed.PerExampleScores is { } s && s.Length == t.Examples) scores.AddRange(s);
            else allScores = false;
        }
        return new TrialEvaluation.Completed(metrics, allScores ? scores.ToArray() : null, clock.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
        foreach (var t in _tasks) t.Evaluator.Dispose();
    }
}
