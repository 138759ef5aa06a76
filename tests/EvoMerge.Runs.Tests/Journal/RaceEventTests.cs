using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Tests;

public class RaceEventTests
{
    [Fact]
    public void A_race_slice_and_a_raced_completion_read_back_and_the_csv_shows_examples_used()
    {
        using var folder = new TempFolder();
        var created = Samples.Created();
        var slice = new TrialSliceScored(0, 0, 4, 8, new Dictionary<string, double> { ["task.a.accuracy"] = 0.75 }, [1, 0, 1, 1], 0.25) { Worker = "w1" };
        var completed = new TrialCompleted(0, 0, [0.75], new Dictionary<string, double> { ["task.a.accuracy"] = 0.75 }, null, 0.5) { Examples = 8 };
        using (var journal = RunJournal.Create(folder.Path, created))
        {
            journal.Append(new BatchAsked(0, [new Candidate(0, [0.5])]));
            journal.Append(slice);
            journal.Append(completed);
        }

        var replay = RunJournal.ReadOnly(folder.Path);
        var s = Assert.IsType<TrialSliceScored>(replay.Records[2].Event);
        Assert.Equal((0L, 0, 4, 8, 0.25, "w1"), (s.TrialId, s.Generation, s.From, s.To, s.Seconds, s.Worker));
        Assert.Equal([1.0, 0, 1, 1], s.PerExampleScores);
        Assert.Equal(0.75, s.Metrics["task.a.accuracy"]);
        var t = Assert.IsType<TrialCompleted>(replay.Records[3].Event);
        Assert.Equal(8, t.Examples);

        var state = RunState.From(replay);
        Assert.Equal(TrialStatus.Completed, state.Trials[0].Status);
        var schema = new RunCsvSchema(["g"], ["task.a.accuracy"], ["weighted_sum"], examples: true);
        Assert.Equal("examples", schema.Header[^1]);
        string path = Path.Combine(folder.Path, "trials.csv");
        TrialsCsv.WriteFile(path, state, schema);
        Assert.EndsWith(",8", File.ReadAllLines(path)[1]);
    }

    [Fact]
    public void A_completion_without_examples_keeps_its_journal_bytes()
    {
        using var folder = new TempFolder();
        using (var journal = RunJournal.Create(folder.Path, Samples.Created()))
        {
            journal.Append(new BatchAsked(0, [new Candidate(0, [0.5])]));
            journal.Append(new TrialCompleted(0, 0, [1], new Dictionary<string, double>(), null, 0));
        }
        Assert.DoesNotContain("examples", File.ReadAllText(Path.Combine(folder.Path, "journal.jsonl")));
    }

    [Fact]
    public void A_rescore_reads_back_onto_its_completed_trial_and_only_once()
    {
        var batch = new BatchAsked(0, [new Candidate(0, [0.5]), new Candidate(1, [0.25])]);
        var completed = new TrialCompleted(0, 0, [0.9], new Dictionary<string, double> { ["task.a.accuracy"] = 0.9 }, null, 0.1) { Examples = 8 };
        var rescored = new TrialRescored(0, [0.7], new Dictionary<string, double> { ["task.a.accuracy"] = 0.7 }, 40, 0.5) { Worker = "w" };
        using var folder = new TempFolder();
        using (var journal = RunJournal.Create(folder.Path, Samples.Created()))
        {
            journal.Append(batch);
            journal.Append(completed);
            journal.Append(rescored);
            journal.Append(new TrialRescored(1, [], new Dictionary<string, double>(), 0, 0, "out of memory"));
        }

        Assert.Throws<InvalidDataException>(() => RunState.From(RunJournal.ReadOnly(folder.Path)));
        var state = RunState.From([Samples.Created(), batch, completed, rescored]);
        var back = state.TrialsById[0].Rescore!;
        Assert.Equal((0.7, 40, "w", true), (back.Objectives[0], back.Examples, back.Worker, back.Succeeded));
        Assert.Equal(0.9, state.TrialsById[0].Completion!.Objectives[0]); // the trial's own outcome stays
        Assert.Throws<InvalidDataException>(() => RunState.From([Samples.Created(), batch, completed, rescored, rescored]));
    }

    [Fact]
    public void A_slice_must_end_after_it_starts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrialSliceScored(0, 0, 8, 8, new Dictionary<string, double>(), [], 0));
    }
}
