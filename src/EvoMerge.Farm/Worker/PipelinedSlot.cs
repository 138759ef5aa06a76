using System.Diagnostics;
using EvoMerge.Farm.Protocol;

namespace EvoMerge.Farm.Worker;

/// <summary>
/// A slot that builds ahead: while the current job is scored, the next one is built on another thread, so the
/// evaluator's device never waits for a merge. Jobs come in leases of one or more (the coordinator gives several
/// while jobs are short and many wait); the slot asks for more only when it has none left, and hands in its
/// results with that request, so short jobs cost a round trip per lease rather than per job. When the next job
/// is not there yet (its lease may be waiting for these very results, the last of a generation), the results go
/// in alone at once; results sent alone wait for the acknowledgement of those sent alone before them. The
/// candidate just scored is freed on the building thread, so its clean-up (a scratch folder, tensors) does not
/// delay the next scoring. At most one candidate ahead; however the loop ends, every candidate built is freed
/// (the coordinator hands out again whatever the slot held when its worker is lost or leaves).
/// </summary>
public static class PipelinedSlot
{
    /// <summary>The most jobs the slot takes in one lease; the coordinator usually gives fewer.</summary>
    internal const int MaxJobsPerLease = 8;

    public static async Task RunAsync(IFarmCoordinatorGrain coordinator, string token, int slot, ISlotEvaluator evaluator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(evaluator);
        using var slotEnded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var leased = new Queue<ArrivedJob>();
        var unsent = new List<(SlotReport Report, Stopwatch Held)>();
        var ahead = FetchAsync(ct => LeaseAsync(coordinator, token, slot, [], [], leased, ct), evaluator, null, slotEnded.Token);
        bool aheadLeases = true;
        var handedIn = Task.CompletedTask;
        long[] handingIn = [];
        HeldJob? current = null;
        try
        {
            while (true)
            {
                if (unsent.Count > 0 && aheadLeases && !ahead.IsCompleted)
                {
                    await handedIn.WaitAsync(cancellationToken).ConfigureAwait(false);
                    var reports = Reports(unsent);
                    handingIn = [.. reports.Select(r => r.JobId)];
                    handedIn = coordinator.Complete(token, reports);
                }
                var next = await ahead.ConfigureAwait(false);
                var scored = current;
                current = next;
                aheadLeases = !leased.TryDequeue(out var queued);
                if (queued is not null)
                {
                    ahead = FetchAsync(_ => Task.FromResult(queued), evaluator, scored, slotEnded.Token);
                }
                else
                {
                    // Results still on their way alone count as held: the lease must not take those jobs for abandoned.
                    long[] held = handedIn.IsCompleted ? [current.Job.Id] : [current.Job.Id, .. handingIn];
                    var reports = Reports(unsent);
                    ahead = FetchAsync(ct => LeaseAsync(coordinator, token, slot, reports, held, leased, ct), evaluator, scored, slotEnded.Token);
                }
                var report = current.Score(cancellationToken);
                unsent.Add((report, current.Held));
            }
        }
        finally
        {
            // A scoring error leaves the fetch running: stop it before waiting for it.
            await slotEnded.CancelAsync().ConfigureAwait(false);
            current?.Dispose();
            await ReleaseAsync(ahead).ConfigureAwait(false);
            Observe(handedIn);
        }
    }

    /// <summary>
    /// The results waiting to be handed in, emptied, with the time each job was held up to now (a result waits
    /// while the slot works through its lease: that wait is the worker's, not the farm's dispatch time).
    /// </summary>
    static SlotReport[] Reports(List<(SlotReport Report, Stopwatch Held)> unsent)
    {
        var reports = unsent.Select(u => u.Report with { HeldSeconds = u.Held.Elapsed.TotalSeconds }).ToArray();
        unsent.Clear();
        return reports;
    }

    /// <summary>
    /// Starts getting the next job on the calling thread (results riding on a lease leave before the slot scores
    /// again), then, on another thread, frees the candidate scored last and builds the job once it comes.
    /// </summary>
    static Task<HeldJob> FetchAsync(Func<CancellationToken, Task<ArrivedJob>> next, ISlotEvaluator evaluator, HeldJob? scored, CancellationToken cancellationToken)
    {
        var coming = next(cancellationToken);
        return Task.Run(async () =>
        {
            scored?.Dispose();
            var arrived = await coming.ConfigureAwait(false);
            return FarmWorker.Build(evaluator, arrived.Job, arrived.Held, cancellationToken);
        }, CancellationToken.None);
    }

    /// <summary>
    /// Hands in <paramref name="reports"/> and leases the next jobs in one call, asking again while none comes;
    /// returns the first and queues the rest in <paramref name="leased"/>, each with a clock started on arrival.
    /// </summary>
    static async Task<ArrivedJob> LeaseAsync(IFarmCoordinatorGrain coordinator, string token, int slot, SlotReport[] reports, long[] held,
                                             Queue<ArrivedJob> leased, CancellationToken cancellationToken)
    {
        var jobs = await FarmWorker.LeaseJobsAsync(coordinator, token, slot, reports, held, cancellationToken).ConfigureAwait(false);
        // The slot loop reads the queue only once this fetch has completed.
        foreach (var job in jobs.Skip(1)) leased.Enqueue(new ArrivedJob(job, Stopwatch.StartNew()));
        return new ArrivedJob(jobs[0], Stopwatch.StartNew());
    }

    /// <summary>Waits for a fetch the slot no longer needs and frees its candidate, if it built one.</summary>
    static async Task ReleaseAsync(Task<HeldJob> fetch)
    {
        try
        {
            (await fetch.ConfigureAwait(false)).Dispose();
        }
        catch (Exception error) when (error is OperationCanceledException || FarmWorker.IsConnectionTrouble(error))
        {
            // Nothing was built; the lease, if one was granted, goes back to the queue when this session ends.
        }
    }

    /// <summary>
    /// The last results' hand-in, once the slot stops, is not waited for (a coordinator that vanished would hold
    /// the worker for Orleans' whole response timeout); its failure is only observed: the coordinator
    /// re-dispatches a job whose result did not arrive.
    /// </summary>
    static void Observe(Task handedIn) =>
        _ = handedIn.ContinueWith(t => t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>A leased job and the clock of how long the slot has held it.</summary>
    sealed record ArrivedJob(FarmJob Job, Stopwatch Held);
}
