using System.Runtime.CompilerServices;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests.Support;

/// <summary>
/// Evaluates in process but, before each result, sends a late result of an earlier request for the same trial
/// (its first race slice), as a farm worker that finished a retried job late could.
/// </summary>
public sealed class StaleResultDispatcher(TrialEvaluator evaluator) : ITrialDispatcher
{
    public async IAsyncEnumerable<TrialResult> EvaluateAsync(IReadOnlyList<TrialRequest> batch, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var request in batch)
        {
            if (request.Slice is not { From: 0 })
                yield return evaluator.Evaluate(request with { Slice = new FitnessSlice(0, request.Slice?.From ?? 4) }, null, ct);
            yield return evaluator.Evaluate(request, null, ct);
        }
        await Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
