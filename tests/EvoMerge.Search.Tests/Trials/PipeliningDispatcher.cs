using System.Runtime.CompilerServices;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests.Trials;

/// <summary>
/// Plays a pipelined farm slot: builds each trial's candidate on another thread while the previous one is scored,
/// holding at most one built candidate ahead.
/// </summary>
sealed class PipeliningDispatcher(TrialEvaluator evaluator) : ITrialDispatcher
{

    public async IAsyncEnumerable<TrialResult> EvaluateAsync(IReadOnlyList<TrialRequest> batch, [EnumeratorCancellation] CancellationToken ct)
    {
        if (batch.Count == 0) yield break;
        var ahead = Task.Run(() => evaluator.Prepare(batch[0], null, ct), ct);
        for (int i = 0; i < batch.Count; i++)
        {
            using var current = await ahead;
            if (i + 1 < batch.Count)
            {
                var next = batch[i + 1];
                ahead = Task.Run(() => evaluator.Prepare(next, null, ct), ct);
            }
            var result = current.Score(null, ct);
            yield return result with { Worker = "slot" };
        }
    }

    public void Dispose()
    {
    }
}
