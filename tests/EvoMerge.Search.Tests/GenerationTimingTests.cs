using System.Globalization;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;
using EvoMerge.Search.Tests.Trials;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests;

/// <summary>Each generation's wall-clock facts are journaled (<see cref="GenerationTimed"/>) and shown in generations.csv.</summary>
public sealed class GenerationTimingTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    SearchConfig Parse(string configPath) => SearchConfigParser.ParseFile(configPath, _fixture.Folder);

    string NewRunFolder() => _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void An_in_process_run_times_each_generation_on_its_one_slot()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 20));
        string folder = NewRunFolder();
        using (var run = SearchRun.Start(config, folder, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        // CMA-ES asks 9 a generation; the budget cuts the third to 2.
        Assert.Equal([(0, 9), (1, 9), (2, 2)], Timed(folder).Select(t => (t.Generation, t.Trials)));
        var rows = Generations(folder);
        Assert.Equal(3, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal("1", row["workers"]);
            Assert.InRange(Number(row["slots"]), 0.99, 1.01);
            Assert.InRange(Number(row["busy_slots"]), 0, Number(row["slots"]));
            Assert.InRange(Number(row["idle_share"]), 0, 1);
            Assert.True(Number(row["trials_per_s"]) > 0 && Number(row["seconds"]) > 0, string.Join(", ", row));
        }
    }

    [Fact]
    public void A_resumed_run_keeps_the_timings_of_earlier_generations_and_times_the_rest_of_the_interrupted_one()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 20));
        string folder = NewRunFolder();
        using (var cancel = new CancellationTokenSource())
        using (var run = SearchRun.Start(config, folder, Fast))
        {
            int seen = 0;
            // Stops after 3 trials of the second generation.
            Assert.Equal(SearchEnd.Interrupted, run.Run(new SyncProgress(_ => { if (++seen == 12) cancel.Cancel(); }), cancel.Token).End);
        }
        var before = Generations(folder);
        Assert.Equal(2, before.Count);

        using (var run = SearchRun.Resume(folder, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        var after = Generations(folder);
        Assert.Equal(before[0], after[0]);
        // The interrupted generation: a stretch of 3 trials before the interruption, one of the other 6 after it.
        Assert.Equal([(0, 9), (1, 3), (1, 6), (2, 2)], Timed(folder).Select(t => (t.Generation, t.Trials)));
        Assert.NotEqual(before[1]["seconds"], after[1]["seconds"]);
        Assert.Equal(3, after.Count);
    }

    [Fact]
    public void Another_dispatcher_fills_the_slot_columns_from_its_gauge_and_leaves_them_empty_without_one()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 9));
        using var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null);
        using var dispatcher = new ReorderingDispatcher(evaluator);

        string gauged = NewRunFolder();
        using (var run = SearchRun.Start(config, gauged, Fast with { Dispatcher = dispatcher, SlotGauge = new SteadyGauge() }))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        string blind = NewRunFolder();
        using (var run = SearchRun.Start(config, blind, Fast with { Dispatcher = dispatcher }))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        var row = Generations(gauged).Single();
        // The gauge accrues 10 slot seconds, 4 of them busy, between the generation's start and its end.
        Assert.Equal(("1", "0.6"), (row["workers"], row["idle_share"]));
        Assert.InRange(Number(row["busy_slots"]) / Number(row["slots"]), 0.399, 0.401);
        var timed = Timed(gauged).Single();
        Assert.Equal((10.0, 4.0), (timed.SlotSeconds, timed.BusySeconds));
        var bare = Generations(blind).Single();
        Assert.Equal(("1", "", "", ""), (bare["workers"], bare["slots"], bare["busy_slots"], bare["idle_share"]));
        Assert.True(Number(bare["trials_per_s"]) > 0);
    }

    /// <summary>Each reading is 10 slot seconds (4 of them busy) later than the one before.</summary>
    sealed class SteadyGauge : ISlotGauge
    {
        int _readings;

        public SlotUsage Read()
        {
            _readings++;
            return new SlotUsage(10.0 * _readings, 4.0 * _readings);
        }
    }

    /// <summary>
    /// A farm's gauge can take a while to read (its board is locked while results come in). The slot time then
    /// must still fall within the generation's seconds: two slots never read as 2.006 slots (a flaky CI failure).
    /// </summary>
    [Fact]
    public void Slot_time_falls_within_the_generations_seconds_however_slow_the_gauge_reads()
    {
        var gauge = new TwoSlotsReadSlowlyAtTheEnd();
        var clock = new GenerationClock(3, gauge);
        Thread.Sleep(20);
        clock.Saw(new TrialFailed(7, 3, "only counted", 0.01));
        var timed = clock.Stop()!;
        Assert.True(timed.SlotSeconds <= 2 * timed.Seconds, $"{timed.SlotSeconds} slot seconds in {timed.Seconds} s");
        Assert.True(timed.SlotSeconds > 0);
    }

    /// <summary>Two slots since it was made; every read after the first measures only after a 50 ms wait.</summary>
    sealed class TwoSlotsReadSlowlyAtTheEnd : ISlotGauge
    {
        readonly System.Diagnostics.Stopwatch _since = System.Diagnostics.Stopwatch.StartNew();
        bool _readOnce;

        public SlotUsage Read()
        {
            if (_readOnce) Thread.Sleep(50);
            _readOnce = true;
            double slotSeconds = 2 * _since.Elapsed.TotalSeconds;
            return new SlotUsage(slotSeconds, 0);
        }
    }

    static List<GenerationTimed> Timed(string folder) => RunJournal.ReadOnly(folder).Events.OfType<GenerationTimed>().ToList();

    static List<Dictionary<string, string>> Generations(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "generations.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v)).ToList();
    }

    static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    public void Dispose() => _fixture.Dispose();
}
