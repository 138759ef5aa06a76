using System.Runtime.CompilerServices;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests.Support;

/// <summary>Evaluates in process and cancels the run after a chosen number of results (whole trials or race slices), to stop it anywhere.</summary>
public sealed class InterruptingDispatcher(TrialEvaluator evaluator, int stopAfter, CancellationTokenSource cancel) : ITrialDispatcher
{
    int _results;

    /// <summary>The requests seen, in order (a race's show their slices).</summary>
    public List<TrialRequest> Requests { get; } = [];

    public async IAsyncEnumerable<TrialResult> EvaluateAsync(IReadOnlyList<TrialRequest> batch, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var request in batch)
        {
            ct.ThrowIfCancellationRequested();
            Requests.Add(request);
            var result = evaluator.Evaluate(request, null, ct) with { Worker = "test" };
            if (++_results == stopAfter) cancel.Cancel();
            yield return result;
        }
        await Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
