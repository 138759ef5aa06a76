using System.Collections.Concurrent;
using EvoMerge.Farm.Protocol;
using EvoMerge.Farm.Tests.Support;
using EvoMerge.Farm.Worker;

namespace EvoMerge.Farm.Tests;

/// <summary>A pipelined slot against a scripted coordinator, so the test decides when results are acknowledged.</summary>
public class PipelinedSlotTests
{
    [Fact]
    public async Task A_slot_scores_its_next_job_while_its_last_result_is_on_the_way_and_hands_in_one_result_at_a_time()
    {
        var coordinator = new ScriptedCoordinator([new FarmJob(1, "a", 0), new FarmJob(2, "b", 0), new FarmJob(3, "c", 0)]);
        var evaluator = new RecordingEvaluator();
        using var stop = new CancellationTokenSource();
        var slot = PipelinedSlot.RunAsync(coordinator, "token", 0, evaluator, stop.Token);

        // Job 1's result is never acknowledged yet: the slot still scores job 2 ...
        await Until(() => evaluator.Scored.Contains(2));
        // ... but keeps job 2's result until job 1's has arrived.
        await Task.Delay(100);
        Assert.Equal([1L], coordinator.Results);
        // Leasing while job 1's result was on its way, the slot named job 1 as held, so it is not taken for abandoned.
        Assert.Contains(coordinator.Leases, held => held.Order().SequenceEqual([1L, 2L]));

        coordinator.Acknowledge(1);
        await Until(() => coordinator.Results.Contains(2));
        coordinator.Acknowledge(2);
        await Until(() => coordinator.Results.Contains(3));
        Assert.Equal([1L, 2L, 3L], coordinator.Results);

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

    /// <summary>Scores instantly, recording which jobs it scored and how many candidates are built and not freed.</summary>
    sealed class RecordingEvaluator : ISlotEvaluator
    {
        int held;

        public ConcurrentBag<long> Scored { get; } = [];

        public int Held => Volatile.Read(ref held);

        public ISlotJob Prepare(string payload, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref held);
            return new Job(this, payload);
        }

        public void Dispose() { }

        sealed class Job(RecordingEvaluator owner, string payload) : ISlotJob
        {
            bool freed;

            public string Score(CancellationToken cancellationToken)
            {
                owner.Scored.Add(payload[0] - 'a' + 1);
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
