using System.Diagnostics;
using EvoMerge.Farm.Protocol;

namespace EvoMerge.Farm.Worker;

/// <summary>
/// A slot that builds ahead: while the current job is scored, the next one is leased and built on another
/// thread, so the evaluator's device never waits for a merge. A result is handed in without waiting for the
/// coordinator's acknowledgement: the slot goes straight on to score the next job, and waits for that
/// acknowledgement only before handing in the next result (one result in flight; a lost connection still
/// ends the slot). At most one candidate ahead; however the loop ends, every candidate built is freed (the
/// coordinator hands out again whatever the slot held when its worker is lost or leaves).
/// </summary>
public static class PipelinedSlot
{
    public static async Task RunAsync(IFarmCoordinatorGrain coordinator, string token, int slot, ISlotEvaluator evaluator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(evaluator);
        using var slotEnded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ahead = FetchAsync(coordinator, token, slot, evaluator, [], slotEnded.Token);
        var handedIn = Task.CompletedTask;
        long handingIn = -1;
        try
        {
            while (true)
            {
                using var current = await ahead.ConfigureAwait(false);
                // A result still on its way counts as held: the lease must not take that job for abandoned.
                long[] held = handedIn.IsCompleted ? [current.Job.Id] : [current.Job.Id, handingIn];
                ahead = FetchAsync(coordinator, token, slot, evaluator, held, slotEnded.Token);
                var report = current.Score(cancellationToken);
                await handedIn.WaitAsync(cancellationToken).ConfigureAwait(false);
                handingIn = report.JobId;
                handedIn = coordinator.Complete(token, report);
            }
        }
        finally
        {
            // A scoring error leaves the fetch running: stop it before waiting for it.
            await slotEnded.CancelAsync().ConfigureAwait(false);
            await ReleaseAsync(ahead).ConfigureAwait(false);
            Observe(handedIn);
        }
    }

    static Task<HeldJob> FetchAsync(IFarmCoordinatorGrain coordinator, string token, int slot, ISlotEvaluator evaluator, long[] held, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            var job = await FarmWorker.NextJobAsync(coordinator, token, slot, held, cancellationToken).ConfigureAwait(false);
            return FarmWorker.Build(evaluator, job, Stopwatch.StartNew(), cancellationToken);
        }, CancellationToken.None);

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
    /// The last result's hand-in, once the slot stops, is not waited for (a coordinator that vanished would hold
    /// the worker for Orleans' whole response timeout); its failure is only observed: the coordinator
    /// re-dispatches a job whose result did not arrive.
    /// </summary>
    static void Observe(Task handedIn) =>
        _ = handedIn.ContinueWith(t => t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
