using System.Threading.Channels;
using EvoMerge.Farm.Coordination;
using EvoMerge.Farm.Protocol;
using EvoMerge.Farm.Tests.Support;
using EvoMerge.Search.Trials;

namespace EvoMerge.Farm.Tests;

public class WorkBoardTests
{
    static readonly TimeSpan NoWait = TimeSpan.Zero;

    static List<FarmOutcome> Drain(ChannelReader<FarmOutcome> reader)
    {
        var all = new List<FarmOutcome>();
        while (reader.TryRead(out var outcome)) all.Add(outcome);
        return all;
    }

    [Fact]
    public async Task Jobs_go_out_in_order_and_the_batch_completes_when_each_has_a_result()
    {
        var board = new WorkBoard(2, TimeSpan.FromSeconds(10), new ManualClock());
        var token = board.Admit("w", 2);
        var outcomes = board.Submit([(7, "a"), (8, "b")]);
        var first = await board.LeaseAsync(token, 0, [], NoWait, default);
        var second = await board.LeaseAsync(token, 1, [], NoWait, default);
        Assert.Equal([7L, 8L], [first!.Id, second!.Id]);
        Assert.True(board.Complete(token, new SlotReport(8, "B", 0, 0)));
        Assert.True(board.Complete(token, new SlotReport(7, "A", 0, 0)));
        Assert.Equal(["8:B:w", "7:A:w"], Drain(outcomes).Select(o => $"{o.Id}:{o.Payload}:{o.Worker}"));
        Assert.True(outcomes.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_lost_worker_s_job_is_redispatched_to_another_and_its_late_result_is_dropped()
    {
        var clock = new ManualClock();
        var board = new WorkBoard(2, TimeSpan.FromSeconds(10), clock);
        var dead = board.Admit("dead", 1);
        var outcomes = board.Submit([(1, "x")]);
        Assert.Equal(1, (await board.LeaseAsync(dead, 0, [], NoWait, default))!.Id);
        clock.Advance(TimeSpan.FromSeconds(5));
        var alive = board.Admit("alive", 1);
        clock.Advance(TimeSpan.FromSeconds(6));
        board.Heartbeat(alive);
        board.Sweep();
        Assert.Equal(["alive"], board.WorkerNames());
        var again = await board.LeaseAsync(alive, 0, [], NoWait, default);
        Assert.Equal((1L, 1), (again!.Id, again.Attempt));
        Assert.True(board.Complete(alive, new SlotReport(1, "from alive", 0, 0)));
        Assert.False(board.Complete(dead, new SlotReport(1, "from the slow one", 0, 0)));
        var only = Assert.Single(Drain(outcomes));
        Assert.Equal(("from alive", "alive", 2), (only.Payload, only.Worker, only.Attempts));
    }

    [Fact]
    public async Task A_job_lost_more_often_than_the_retries_allow_fails_with_the_reason()
    {
        var clock = new ManualClock();
        var board = new WorkBoard(1, TimeSpan.FromSeconds(10), clock);
        var outcomes = board.Submit([(3, "x")]);
        for (int i = 0; i < 2; i++)
        {
            var token = board.Admit($"w{i}", 1);
            Assert.Equal(3, (await board.LeaseAsync(token, 0, [], NoWait, default))!.Id);
            clock.Advance(TimeSpan.FromSeconds(11));
            board.Sweep();
        }
        var failed = Assert.Single(Drain(outcomes));
        Assert.Null(failed.Payload);
        Assert.Contains("worker w1 was lost", failed.InfrastructureFailure);
        Assert.Equal(2, failed.Attempts);
        Assert.True(outcomes.Completion.IsCompleted);
    }

    [Fact]
    public async Task A_slot_asking_for_work_while_holding_a_job_gives_it_back()
    {
        var board = new WorkBoard(2, TimeSpan.FromSeconds(10), new ManualClock());
        var token = board.Admit("w", 1);
        board.Submit([(1, "x"), (2, "y")]);
        Assert.Equal(1, (await board.LeaseAsync(token, 0, [], NoWait, default))!.Id);
        var next = await board.LeaseAsync(token, 0, [], NoWait, default);
        Assert.Equal((1L, 1), (next!.Id, next.Attempt));
    }

    [Fact]
    public async Task Unknown_tokens_get_no_work_and_cannot_finish_jobs_that_were_not_handed_out()
    {
        var board = new WorkBoard(2, TimeSpan.FromSeconds(10), new ManualClock());
        var outcomes = board.Submit([(1, "x")]);
        Assert.Null(await board.LeaseAsync("stranger", 0, [], NoWait, default));
        Assert.False(board.Heartbeat("stranger"));
        Assert.False(board.Complete("stranger", new SlotReport(99, "forged", 0, 0)));
        Assert.Empty(Drain(outcomes));
    }

    [Fact]
    public async Task Idle_share_counts_slot_time_without_a_candidate_being_scored()
    {
        var clock = new ManualClock();
        var board = new WorkBoard(2, TimeSpan.FromSeconds(100), clock);
        var token = board.Admit("w", 2);
        board.Submit([(1, "x")]);
        await board.LeaseAsync(token, 0, [], NoWait, default);
        clock.Advance(TimeSpan.FromSeconds(10));
        // Held 9 of the lease's 10 s, of which 8 scoring (the rest was the merge): 8 busy of 20 slot seconds.
        board.Complete(token, new SlotReport(1, "r", 9, 8));
        var status = board.Status();
        Assert.Equal(0.6, status.IdleShare, 6);
        Assert.Equal(1000.0, status.DispatchMilliseconds, 6);
        Assert.Equal((1, 2, 0, 1L), (status.Workers, status.Slots, status.BusySlots, status.Completed));
    }

    [Fact]
    public async Task The_live_line_and_the_totals_between_two_moments()
    {
        var clock = new ManualClock();
        var board = new WorkBoard(2, TimeSpan.FromSeconds(100), clock);
        var token = board.Admit("w", 4);
        var before = board.Status();
        board.Submit([(1, "x"), (2, "y"), (3, "z")]);
        for (int slot = 0; slot < 3; slot++) await board.LeaseAsync(token, slot, [], NoWait, default);
        clock.Advance(TimeSpan.FromSeconds(2));
        board.Complete(token, new SlotReport(1, "a", 2, 2));
        board.Complete(token, new SlotReport(2, "b", 2, 2));
        var now = board.Status();
        Assert.Equal("farm: 1 worker, 1/4 slots busy, 50% idle", now.Since(before).Describe());
        Assert.Equal(new SlotUsage(8.0, 4.0), now.Since(before).Usage);
    }

    [Fact]
    public async Task A_slot_fetching_ahead_keeps_the_job_it_names_and_gives_back_one_it_does_not()
    {
        var board = new WorkBoard(2, TimeSpan.FromSeconds(100), new ManualClock());
        var token = board.Admit("w", 1);
        var outcomes = board.Submit([(1, "x"), (2, "y"), (3, "z")]);
        var current = await board.LeaseAsync(token, 0, [], NoWait, default);
        var ahead = await board.LeaseAsync(token, 0, [current!.Id], NoWait, default);
        Assert.Equal((1L, 2L), (current.Id, ahead!.Id));
        Assert.Equal(1, board.Status().BusySlots);   // one slot, two jobs: the slot is busy once

        // The slot restarted (its evaluation thread died): asking without naming its jobs hands them out again.
        var again = await board.LeaseAsync(token, 0, [], NoWait, default);
        Assert.Equal((2L, 1), (again!.Id, again.Attempt));
        Assert.True(board.Complete(token, new SlotReport(2, "Y", 0, 0)));
        Assert.Equal([2L], Drain(outcomes).Select(o => o.Id));
    }

    [Fact]
    public async Task Short_jobs_go_several_to_a_lease_while_many_wait_and_long_ones_one_at_a_time()
    {
        foreach (var (scoring, expected) in new[] { (0.001, new[] { 1, 7, 4, 2, 1, 1 }), (0.25, new[] { 1, 1, 1, 1, 1, 1 }) })
        {
            var board = new WorkBoard(2, TimeSpan.FromSeconds(100), new ManualClock());
            var token = board.Admit("w", 1);
            board.Submit([.. Enumerable.Range(1, 16).Select(i => ((long)i, "j"))]);
            var sizes = new List<int>();
            for (int lease = 0; lease < expected.Length; lease++)
            {
                var jobs = await board.LeaseManyAsync(token, 0, [], 8, NoWait, default);
                sizes.Add(jobs.Length);
                // Nothing before the first result: the board knows no job time yet.
                foreach (var job in jobs) board.Complete(token, new SlotReport(job.Id, "r", scoring, scoring));
            }
            // Short jobs (1 ms): half of the slot's share of the queue each time (15 / 2, 8 / 2, ...); 250 ms: one.
            Assert.Equal(expected, sizes);
        }
    }
}
