using System.Collections.Concurrent;
using EvoMerge.Farm.Protocol;
using EvoMerge.Farm.Tests.Support;
using EvoMerge.Farm.Worker;

namespace EvoMerge.Farm.Tests;

/// <summary>A pipelined slot against a scripted coordinator, so the test decides when results are acknowledged.</summary>
public class PipelinedSlotTests
{
    [Fact]
    public async Task A_result_rides_on_the_lease_of_the_job_after_next_when_the_next_job_is_built_so_a_slot_pays_one_call_per_trial()
    {
        var coordinator = new ScriptedCoordinator(Enumerable.Range(1, 5).Select(i => new FarmJob(i, ((char)('a' + i - 1)).ToString(), 0)));
        // Scoring job n lasts until job n + 1 is built (job 5 has none): each result finds its next job ready.
        var evaluator = new RecordingEvaluator { ScoreUntilBuilt = true, LastJob = 5 };
        using var stop = new CancellationTokenSource();
        var slot = PipelinedSlot.RunAsync(coordinator, "token", 0, evaluator, stop.Token);

        await Until(() => coordinator.Results.Count == 5);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], coordinator.Results);
        // Job 5's result had no next job to ride with: it went alone, and at once.
        Assert.Equal([5L], coordinator.ResultsAlone);
        // Each lease named the job the slot was scoring, and nothing else (no result was on its way alone).
        Assert.All(coordinator.Leases.Skip(1).Take(5), held => Assert.Single(held));

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slot);
        Assert.Equal(0, evaluator.Held);
    }

    [Fact]
    public async Task A_result_whose_next_job_waits_for_it_goes_in_alone_and_the_next_alone_waits_for_its_acknowledgement()
    {
        var coordinator = new ScriptedCoordinator([new FarmJob(1, "a", 0)]);
        var evaluator = new RecordingEvaluator();
        using var stop = new CancellationTokenSource();
        var slot = PipelinedSlot.RunAsync(coordinator, "token", 0, evaluator, stop.Token);

        // No job 2 until job 1's result is in (a generation's last result): the slot must not hold it back.
        await Until(() => coordinator.Results.Contains(1));
        coordinator.Add(new FarmJob(2, "b", 0));
        await Until(() => evaluator.Scored.Contains(2));
        // Job 1's result is not acknowledged yet: job 2's waits ...
        await Task.Delay(100);
        Assert.Equal([1L], coordinator.Results);
        // ... and leasing meanwhile, the slot names job 1 as held, so it is not taken for abandoned.
        Assert.Contains(coordinator.Leases, held => held.Order().SequenceEqual([1L, 2L]));

        coordinator.Acknowledge(1);
        await Until(() => coordinator.Results.Contains(2));
        Assert.Equal([1L, 2L], coordinator.ResultsAlone);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slot);
        Assert.Equal(0, evaluator.Held);
    }

    [Fact]
    public async Task A_slot_works_through_a_lease_of_several_jobs_and_hands_their_results_in_with_its_next_lease()
    {
        var coordinator = new ScriptedCoordinator(Enumerable.Range(1, 6).Select(i => new FarmJob(i, ((char)('a' + i - 1)).ToString(), 0))) { JobsPerLease = 3 };
        var evaluator = new RecordingEvaluator { ScoreUntilBuilt = true, LastJob = 6 };
        using var stop = new CancellationTokenSource();
        var slot = PipelinedSlot.RunAsync(coordinator, "token", 0, evaluator, stop.Token);

        await Until(() => coordinator.Results.Count == 6);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], coordinator.Results);
        // Jobs 1-3 came in one lease; the slot asked again when it started job 3, bringing the results it had.
        Assert.Equal(["1,2", "3,4,5"], coordinator.HandIns.Select(ids => string.Join(',', ids)));
        Assert.Equal([6L], coordinator.ResultsAlone);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slot);
        Assert.Equal(0, evaluator.Held);
    }

    static async Task Until(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "the slot did not get there in time");
            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Records which jobs it scored and how many candidates are built and not freed. Scores at once, or (with
    /// <see cref="ScoreUntilBuilt"/>) only once the next job is built and a moment has passed for its fetch to end.
    /// </summary>
    sealed class RecordingEvaluator : ISlotEvaluator
    {
        int held;
        int built;

        public ConcurrentBag<long> Scored { get; } = [];

        public bool ScoreUntilBuilt { get; init; }

        public long LastJob { get; init; }

        public int Held => Volatile.Read(ref held);

        public ISlotJob Prepare(string payload, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref built);
            Interlocked.Increment(ref held);
            return new Job(this, payload);
        }

        public void Dispose() { }

        sealed class Job(RecordingEvaluator owner, string payload) : ISlotJob
        {
            bool freed;

            public string Score(CancellationToken cancellationToken)
            {
                long id = payload[0] - 'a' + 1;
                if (owner.ScoreUntilBuilt && id < owner.LastJob)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    while (Volatile.Read(ref owner.built) <= id && clock.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(2);
                    Thread.Sleep(200);
                }
                owner.Scored.Add(id);
                return payload;
            }

            public void Dispose()
            {
                if (freed) return;
                freed = true;
                Interlocked.Decrement(ref owner.held);
            }
        }
    }
}
