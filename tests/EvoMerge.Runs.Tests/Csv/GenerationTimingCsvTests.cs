using System.Text.Json;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Csv;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.State;

namespace EvoMerge.Runs.Tests;

/// <summary>The timing columns of generations.csv, from <see cref="GenerationTimed"/> events and the trials' workers.</summary>
public class GenerationTimingCsvTests
{
    private static readonly RunCsvSchema Schema = new(["g0", "g1", "g2"], [], ["error"]);

    [Fact]
    public void Timing_columns_sum_the_stretches_of_a_generation_and_count_the_workers_of_its_evaluated_trials()
    {
        var state = RunState.From([
            Samples.Created(),
            Samples.Batch(0, 0, 5),
            Samples.Completed(0, 0, 1) with { Worker = "local-1" },
            Samples.Completed(1, 0, 2) with { Worker = "local-2" },
            new TrialFailed(2, 0, "every worker lost", 0) { Worker = "" },
            // Interrupted here; the resumed process evaluates the rest on one of the same workers.
            new GenerationTimed(0, seconds: 4, trials: 3, slotSeconds: 8, busySeconds: 6),
            Samples.Completed(3, 0, 3) with { Worker = "local-1" },
            new TrialCompleted(4, 0, [1], new Dictionary<string, double>(), null, 0) { CachedFrom = 0 },
            new GenerationTimed(0, seconds: 1, trials: 1, slotSeconds: 2, busySeconds: 1),
            Samples.Batch(1, 5, 1),
            Samples.Completed(5, 1, 1) with { Worker = "in-process" },
            new GenerationTimed(1, seconds: 3, trials: 1),
        ]);

        var rows = Rows(state);

        Assert.Equal(["seconds", "workers", "slots", "busy_slots", "trials_per_s", "idle_share"], rows[0][^6..]);
        // 5 s in all; 10 slot seconds of which 7 busy; 4 trials evaluated (the cached one is not).
        Assert.Equal(["5", "2", "2", "1.4", "0.8", "0.3"], rows[1][^6..]);
        // An evaluator that cannot tell its slot time: the rate and workers only.
        Assert.Equal(["3", "1", "", "", "0.3333", ""], rows[2][^6..]);
    }

    [Fact]
    public void A_journal_without_timings_leaves_the_timing_columns_empty_and_names_workers_when_trials_do()
    {
        var state = RunState.From([
            Samples.Created(),
            Samples.Batch(0, 0, 1),
            Samples.Completed(0, 0, 1),
            Samples.Batch(1, 1, 1),
            Samples.Completed(1, 1, 1) with { Worker = "gpu-box" },
        ]);

        var rows = Rows(state);

        Assert.Equal(["", "", "", "", "", ""], rows[1][^6..]);
        Assert.Equal(["", "1", "", "", "", ""], rows[2][^6..]);
    }

    [Fact]
    public void A_generation_timed_event_reads_back_with_its_fields_and_without_the_optional_ones()
    {
        using var folder = new TempFolder();
        using (var journal = RunJournal.Create(folder.Path, Samples.Created()))
        {
            journal.Append(Samples.Batch(0, 0, 1));
            journal.Append(new GenerationTimed(0, 2.5, 3, 5.25, 0.125));
            journal.Append(new GenerationTimed(0, 1, 0));
        }

        var events = RunJournal.ReadOnly(folder.Path).Events.ToList();
        var full = Assert.IsType<GenerationTimed>(events[2]);
        Assert.Equal((0, 2.5, 3, (double?)5.25, (double?)0.125), (full.Generation, full.Seconds, full.Trials, full.SlotSeconds, full.BusySeconds));
        var bare = Assert.IsType<GenerationTimed>(events[3]);
        Assert.Equal(((double?)null, (double?)null), (bare.SlotSeconds, bare.BusySeconds));
        Assert.Equal(2, RunState.From(events).Timings.Count);
    }

    [Fact]
    public void Bad_timings_are_refused_naming_the_generation()
    {
        Assert.Contains("Generation 2", Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationTimed(2, double.NaN, 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GenerationTimed(0, 1, -1));
        Assert.Throws<ArgumentException>(() => new GenerationTimed(0, 1, 1, slotSeconds: 2));
        var read = Assert.Throws<JournalFormatException>(() => GenerationTimed.Read(JsonDocument.Parse("""{"generation":1,"seconds":-1,"trials":0}""").RootElement));
        Assert.Contains("seconds", read.Message);
        var unasked = Assert.Throws<InvalidDataException>(() => RunState.From([Samples.Created(), Samples.Batch(0, 0, 1), new GenerationTimed(1, 1, 1)]));
        Assert.Contains("generation 1 is timed but was never asked", unasked.Message);
    }

    private static List<string[]> Rows(RunState state)
    {
        using var text = new StringWriter();
        GenerationsCsv.Write(text, state, Schema, [false]);
        return text.ToString().TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
    }
}
