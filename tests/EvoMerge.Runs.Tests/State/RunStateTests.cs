using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Tests;

public class RunStateTests
{
    [Fact]
    public void Pending_trials_are_those_asked_without_an_outcome()
    {
        var state = RunState.From([
            Samples.Created(),
            Samples.Batch(0, 0, 3),
            Samples.Completed(0, 0, 1),
            Samples.Failed(2, 0),
            new SnapshotWritten(0, "gen-000000.json", new string('0', 64)),
            Samples.Batch(1, 3, 2),
            Samples.Completed(4, 1, 0.5),
        ]);

        Assert.Equal([1L, 3], state.Pending.Select(t => t.TrialId));
        Assert.Equal(
            [TrialStatus.Completed, TrialStatus.Pending, TrialStatus.Failed, TrialStatus.Pending, TrialStatus.Completed],
            state.Trials.Select(t => t.Status));
        Assert.Equal(1, state.TrialsById[3].Generation);
        Assert.Equal(0, state.LastSnapshot!.Generation);
        Assert.Equal(1, state.LastAskedGeneration);
        Assert.Equal(2, state.NextGeneration);
        Assert.Equal(1.5, state.TrialsById[2].Seconds);
        Assert.Null(state.TrialsById[1].Seconds);
        Assert.Null(state.Finished);
    }

    [Fact]
    public void A_fresh_run_starts_at_generation_zero_with_nothing_pending()
    {
        var state = RunState.From([Samples.Created()]);

        Assert.Null(state.LastAskedGeneration);
        Assert.Equal(0, state.NextGeneration);
        Assert.Empty(state.Pending);
        Assert.Null(state.LastSnapshot);
    }

    [Fact]
    public void Finished_is_cleared_when_a_resumed_run_asks_again()
    {
        var finished = RunState.From([Samples.Created(), Samples.Batch(0, 0, 1), Samples.Completed(0, 0, 1), new RunFinished(["EvaluationBudget"])]);
        Assert.Equal(["EvaluationBudget"], finished.Finished!.Reasons);

        var resumed = RunState.From([Samples.Created(), Samples.Batch(0, 0, 1), Samples.Completed(0, 0, 1), new RunFinished(["EvaluationBudget"]), Samples.Batch(1, 1, 1)]);
        Assert.Null(resumed.Finished);
    }

    [Fact]
    public void Outcomes_must_belong_to_asked_pending_trials_of_their_generation()
    {
        var unknown = Assert.Throws<InvalidDataException>(() => RunState.From([Samples.Created(), Samples.Batch(0, 0, 1), Samples.Completed(5, 0, 1)]));
        Assert.Contains("trial 5 has an outcome but was never asked", unknown.Message);
        Assert.Contains("event 2 (line 3", unknown.Message);

        var twice = Assert.Throws<InvalidDataException>(() => RunState.From([Samples.Created(), Samples.Batch(0, 0, 1), Samples.Completed(0, 0, 1), Samples.Failed(0, 0)]));
        Assert.Contains("already completed", twice.Message);

        var wrongGeneration = Assert.Throws<InvalidDataException>(() => RunState.From([Samples.Created(), Samples.Batch(0, 0, 1), Samples.Completed(0, 3, 1)]));
        Assert.Contains("belongs to generation 0, not 3", wrongGeneration.Message);
    }

    [Fact]
    public void Generations_and_trial_ids_never_repeat_and_snapshots_never_go_back()
    {
        Assert.Throws<InvalidDataException>(() => RunState.From([Samples.Created(), Samples.Batch(1, 0, 1), Samples.Batch(1, 1, 1)]));
        Assert.Throws<InvalidDataException>(() => RunState.From([Samples.Created(), Samples.Batch(0, 0, 2), Samples.Batch(1, 1, 1)]));
        Assert.Throws<InvalidDataException>(() => RunState.From([
            Samples.Created(),
            new SnapshotWritten(2, "gen-000002.json", new string('0', 64)),
            new SnapshotWritten(1, "gen-000001.json", new string('0', 64)),
        ]));
    }

    [Fact]
    public void A_run_must_start_with_its_creation()
    {
        Assert.Throws<InvalidDataException>(() => RunState.From([Samples.Batch(0, 0, 1)]));
        Assert.Throws<InvalidDataException>(() => RunState.From(Array.Empty<JournalEvent>()));
    }
}
