using System.Collections.Concurrent;
using EvoMerge.Farm.Protocol;

namespace EvoMerge.Farm.Tests.Support;

/// <summary>
/// A coordinator grain stand-in for one slot: hands out the queued jobs, records every lease's held list and
/// every result, and acknowledges a result only when the test says so (<see cref="Acknowledge"/>).
/// </summary>
sealed class ScriptedCoordinator(IEnumerable<FarmJob> jobs) : IFarmCoordinatorGrain
{
    readonly ConcurrentQueue<FarmJob> waiting = new(jobs);
    readonly ConcurrentDictionary<long, TaskCompletionSource> acknowledgements = new();

    public ConcurrentQueue<long[]> Leases { get; } = new();

    public ConcurrentQueue<long> Results { get; } = new();

    public async Task<FarmJob?> Lease(string token, int slot, long[] held)
    {
        Leases.Enqueue(held);
        if (waiting.TryDequeue(out var job)) return job;
        await Task.Delay(5);
        return null;
    }

    public Task Complete(string token, SlotReport report)
    {
        Results.Enqueue(report.JobId);
        return Acknowledgement(report.JobId).Task;
    }

    public void Acknowledge(long jobId) => Acknowledgement(jobId).TrySetResult();

    TaskCompletionSource Acknowledgement(long jobId) =>
        acknowledgements.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public Task<JoinChallenge> Challenge() => throw new NotSupportedException();

    public Task<JoinVerdict> Join(WorkerHello hello, string nonce, string proof) => throw new NotSupportedException();

    public Task<FarmJob?> CompleteAndLease(string token, int slot, SlotReport report) => throw new NotSupportedException();

    public Task<bool> Heartbeat(string token) => throw new NotSupportedException();

    public Task Leave(string token) => throw new NotSupportedException();
}
