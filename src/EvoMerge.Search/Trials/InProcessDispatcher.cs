using System.Runtime.CompilerServices;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Trials;

/// <summary>Evaluates a batch in this process, one trial at a time and in order, through one <see cref="TrialEvaluator"/>.</summary>
public sealed class InProcessDispatcher(TrialEvaluator evaluator, PhaseTimings? timings = null) : ITrialDispatcher
{
    public const string WorkerName = "in-process";

    public async IAsyncEnumerable<TrialResult> EvaluateAsync(IReadOnlyList<TrialRequest> batch, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var request in batch)
        {
            ct.ThrowIfCancellationRequested();
            yield return evaluator.Evaluate(request, timings, ct) with { Worker = WorkerName };
        }
        await Task.CompletedTask;
    }

    /// <summary>The evaluator belongs to whoever opened it.</summary>
    public void Dispose()
    {
    }
}
