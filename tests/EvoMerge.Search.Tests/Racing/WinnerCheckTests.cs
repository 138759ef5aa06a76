using System.Globalization;
using System.Text.Json.Nodes;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests.Racing;

public sealed class WinnerCheckTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    // Random search asks the same candidates whatever their scores: a raced and a fully evaluated run hold the same trials.
    SearchConfig Config(string fitness, long evaluations = 24)
    {
        string path = _fixture.Config("random", evaluations: evaluations);
        File.AppendAllText(path, fitness);
        return SearchConfigParser.ParseFile(path, _fixture.Folder);
    }

    string Run(SearchConfig config)
    {
        string folder = _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));
        using var run = SearchRun.Start(config, folder, Fast);
        Assert.Equal(SearchEnd.Finished, run.Run().End);
        return folder;
    }

    static int Rescores(string folder) => File.ReadLines(Path.Combine(folder, "journal.jsonl")).Count(l => l.Contains("\"type\":\"trial_rescored\""));

    static Dictionary<long, double> Objectives(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        int objective = Array.IndexOf(lines[0].Split(','), "objective.weighted_sum");
        return lines.Skip(1).Select(l => l.Split(',')).Where(r => r[2] == "completed")
            .ToDictionary(r => long.Parse(r[0], CultureInfo.InvariantCulture), r => double.Parse(r[objective], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_best_raced_trials_are_rescored_in_full_and_best_holds_the_best_full_score()
    {
        var raced = Objectives(Run(Config("fitness:\n  racing: {start: 4, confidence: 0.5, rank_depth: 1}\n")));
        string folder = Run(Config("fitness:\n  racing: {start: 4, confidence: 0.5, rank_depth: 1}\n  rescore_top: 3\n"));
        var full = Objectives(Run(Config("")));
        Assert.Equal(3, Rescores(folder));

        var top3 = raced.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(3).Select(kv => kv.Key).ToList();
        var best = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "best", "weighted_sum", "trial.json")))!;
        long winner = best["trial"]!.GetValue<long>();
        Assert.Contains(winner, top3);
        Assert.Equal(80, best["examples"]!.GetValue<int>()); // both tasks in full
        // Its shown score is the full evaluation's, and the highest of the rescored ones.
        Assert.Equal(full[winner], best["objectives"]!["weighted_sum"]!.GetValue<double>(), 12);
        Assert.Equal(top3.Max(id => full[id]), full[winner], 12);
    }

    [Fact]
    public void A_run_stopped_during_the_winner_check_finishes_it_once_and_a_finished_run_never_redoes_it()
    {
        var config = Config("fitness:\n  rescore_top: 3\n", evaluations: 12);
        string folder = _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));
        using (var cancel = new CancellationTokenSource())
        using (var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null))
        using (var dispatcher = new InterruptingDispatcher(evaluator, 13, cancel)) // the 12 trials, then one rescore
        using (var run = SearchRun.Start(config, folder, Fast with { Dispatcher = dispatcher }))
            Assert.Equal(SearchEnd.Interrupted, run.Run(null, cancel.Token).End);
        Assert.Equal(1, Rescores(folder));

        using (var run = SearchRun.Resume(folder, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        Assert.Equal(3, Rescores(folder));
        using (var run = SearchRun.Resume(folder, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        Assert.Equal(3, Rescores(folder));
    }

    [Fact]
    public void A_late_result_of_an_earlier_slice_is_not_taken_for_a_later_slice_or_the_winner_check()
    {
        var config = Config("fitness:\n  racing: {start: 4, confidence: 0.5, rank_depth: 1}\n  rescore_top: 2\n", evaluations: 16);
        string reference = Run(config);
        string folder = _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));
        using (var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null))
        using (var stale = new StaleResultDispatcher(evaluator))
        using (var run = SearchRun.Start(config, folder, Fast with { Dispatcher = stale }))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
        string Best(string run) => File.ReadAllText(Path.Combine(run, "best", "weighted_sum", "trial.json")).Split('\n').Where(l => !l.Contains("seconds")).Aggregate((a, b) => a + b);
        Assert.Equal(Best(reference), Best(folder));
    }

    public void Dispose() => _fixture.Dispose();
}
