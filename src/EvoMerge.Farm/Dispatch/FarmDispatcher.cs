using System.Runtime.CompilerServices;
using EvoMerge.Farm.Cluster;
using EvoMerge.Farm.Coordination;
using EvoMerge.Search.Trials;

namespace EvoMerge.Farm.Dispatch;

/// <summary>
/// Evaluates a generation on the farm: each trial becomes a job on the coordinator's board, workers pull and
/// evaluate them, and results come back in completion order. A trial whose every attempt was lost to
/// infrastructure (worker died, vanished) comes back failed with the reason, like any failed candidate.
/// </summary>
public sealed class FarmDispatcher(FarmCoordinator coordinator) : ITrialDispatcher
{
    public async IAsyncEnumerable<TrialResult> EvaluateAsync(IReadOnlyList<TrialRequest> batch, [EnumeratorCancellation] CancellationToken ct)
    {
        var outcomes = coordinator.Board.Submit(batch.Select(r => (r.TrialId, TrialJson.Write(r))).ToList());
        using var abandon = ct.Register(coordinator.Board.Abandon);
        await foreach (var outcome in outcomes.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            ct.ThrowIfCancellationRequested();
            yield return outcome.Payload is { } payload
                ? TrialJson.ReadResult(payload) with { Worker = outcome.Worker }
                : new TrialResult(outcome.Id, null, null, outcome.InfrastructureFailure, 0) { Worker = outcome.Worker };
        }
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>The coordinator belongs to whoever started it.</summary>
    public void Dispose()
    {
    }
}
