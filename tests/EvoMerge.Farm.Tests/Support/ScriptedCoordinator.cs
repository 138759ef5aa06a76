using System.Collections.Concurrent;
using EvoMerge.Farm.Protocol;

namespace EvoMerge.Farm.Tests.Support;

/// <summary>
/// A coordinator grain stand-in for one slot: hands out the queued jobs, records every lease's held list and
/// every result (and whether it came alone or with a lease), and acknowledges a result that came alone only
/// when the test says so (<see cref="Acknowledge"/>).
/// </summary>
sealed class ScriptedCoordinator(IEnumerable<FarmJob> jobs) : IFarmCoordinatorGrain
{
    readonly ConcurrentQueue<FarmJob> waiting = new(jobs);
    readonly ConcurrentDictionary<long, TaskCompletionSource> acknowledgements = new();

    public ConcurrentQueue<long[]> Leases { get; } = new();

    public ConcurrentQueue<long> Results { get; } = new();

    /// <summary>The results handed in with <see cref="Complete"/>, not with a lease.</summary>
    public ConcurrentQueue<long> ResultsAlone { get; } = new();

    /// <summary>Queues a job, as a run hands out its next generation.</summary>
    public void Add(FarmJob job) => waiting.Enqueue(job);

    public Task Complete(string token, SlotReport[] reports)
    {
        foreach (var report in reports)
        {
            Results.Enqueue(report.JobId);
            ResultsAlone.Enqueue(report.JobId);
        }
        return Acknowledgement(reports[^1].JobId).Task;
    }

    public void Acknowledge(long jobId) => Acknowledgement(jobId).TrySetResult();

    TaskCompletionSource Acknowledgement(long jobId) =>
        acknowledgements.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public Task<JoinChallenge> Challenge() => throw new NotSupportedException();

    public Task<JoinVerdict> Join(WorkerHello hello, string nonce, string proof) => throw new NotSupportedException();

    /// <summary>Hands out one job per lease, or <see cref="JobsPerLease"/>.</summary>
    public async Task<FarmJob[]> HandInAndLease(string token, int slot, SlotReport[] reports, long[] held, int max)
    {
        foreach (var report in reports) Results.Enqueue(report.JobId);
        if (reports.Length > 0) HandIns.Enqueue([.. reports.Select(r => r.JobId)]);
        Leases.Enqueue(held);
        var jobs = new List<FarmJob>();
        while (jobs.Count < Math.Min(max, JobsPerLease) && waiting.TryDequeue(out var job)) jobs.Add(job);
        if (jobs.Count == 0) await Task.Delay(5);
        return [.. jobs];
    }

    public int JobsPerLease { get; init; } = 1;

    /// <summary>The results each lease brought in, when it brought any.</summary>
    public ConcurrentQueue<long[]> HandIns { get; } = new();

    public Task<bool> Heartbeat(string token) => throw new NotSupportedException();

    public Task Leave(string token) => throw new NotSupportedException();
}
