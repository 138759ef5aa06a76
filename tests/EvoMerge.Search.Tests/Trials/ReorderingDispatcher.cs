using System.Runtime.CompilerServices;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests.Trials;

/// <summary>
/// Plays a pool of unreliable workers: evaluates the batch in process, then hands the results back last
/// first, each followed by a bogus duplicate (a failure) and a result for a trial that was never asked.
/// Records every request it was given.
/// </summary>
sealed class ReorderingDispatcher(TrialEvaluator evaluator, bool dropLast = false) : ITrialDispatcher
{
    public List<TrialRequest> Requests { get; } = [];

    public async IAsyncEnumerable<TrialResult> EvaluateAsync(IReadOnlyList<TrialRequest> batch, [EnumeratorCancellation] CancellationToken ct)
    {
        Requests.AddRange(batch);
        var results = batch.Select(r => evaluator.Evaluate(r, null, ct)).Reverse().ToList();
        if (dropLast) results.RemoveAt(results.Count - 1);
        foreach (var result in results)
        {
            await Task.Yield();
            yield return result with { Worker = "w1" };
            yield return new TrialResult(result.TrialId, null, null, "a retried worker's late duplicate", 0) { Worker = "w2" };
            yield return new TrialResult(result.TrialId + 1_000_000, null, null, "not asked", 0);
        }
    }

    public void Dispose()
    {
    }
}
