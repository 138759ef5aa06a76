using System.Runtime.CompilerServices;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests.Trials;

/// <summary>
/// Evaluates in process like a farm would, off the run's thread, and notes in a shared <see cref="EventLog"/>
/// when each batch is handed over ("batch G") and each result handed back ("result G").
/// </summary>
sealed class LoggingDispatcher(TrialEvaluator evaluator, EventLog log) : ITrialDispatcher
{
    public async IAsyncEnumerable<TrialResult> EvaluateAsync(IReadOnlyList<TrialRequest> batch, [EnumeratorCancellation] CancellationToken ct)
    {
        log.Add($"batch {batch[0].Generation}");
        foreach (var request in batch)
        {
            await Task.Yield();
            var result = evaluator.Evaluate(request, null, ct);
            log.Add($"result {request.Generation}");
            yield return result;
        }
    }

    public void Dispose()
    {
    }
}
