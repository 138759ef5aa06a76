using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests.Irt;

public sealed class IrtSearchTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    const string Irt = "fitness:\n  estimator: irt\n  anchors: 6\n  calibration: 6\n";

    SearchConfig Config(string fitness = Irt, string extraTask = "", string optimizer = "cmaes")
    {
        string path = _fixture.Config(optimizer, evaluations: 20, extraTask: extraTask);
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

    static List<string[]> Rows(string folder) => File.ReadAllLines(Path.Combine(folder, "trials.csv")).Select(l => l.Split(',')).ToList();

    [Fact]
    public void Calibration_trials_are_scored_in_full_and_later_ones_get_a_reproducible_estimate_with_its_error()
    {
        var config = Config();
        string folder = Run(config);
        var rows = Rows(folder);
        var header = rows[0];
        int accuracy = Array.IndexOf(header, "task.a.accuracy");
        int stderr = Array.IndexOf(header, "task.a.accuracy_stderr");
        Assert.True(stderr > accuracy, "the standard error columns follow the metrics");
        Assert.Contains("task.b.accuracy_stderr", header);
        Assert.Equal("examples", header[^1]);
        var completed = rows.Skip(1).Where(r => r[2] == "completed").ToList();
        Assert.Equal(20, completed.Count);
        foreach (var row in completed.Take(6))
        {
            Assert.Equal("80", row[^1]); // both tasks in full
            Assert.Equal("", row[stderr]);
        }
        foreach (var row in completed.Skip(6))
        {
            Assert.Equal("12", row[^1]); // 6 anchors of each task
            double value = double.Parse(row[accuracy], CultureInfo.InvariantCulture);
            double error = double.Parse(row[stderr], CultureInfo.InvariantCulture);
            Assert.InRange(value, 0, 1);
            Assert.True(error > 0 && error < 0.5, $"standard error {error}");
        }
        // The same seed gives the same calibration, anchors and estimates.
        Assert.Equal(RunFiles.TrialsWithoutSeconds(folder), RunFiles.TrialsWithoutSeconds(Run(config)));
    }

    const string Recalibrate = "  recalibrate: {every_generations: 1, count: 1}\n";

    [Theory]
    [InlineData("difference", "")]
    [InlineData("completion", "")]
    [InlineData("neighbour", Recalibrate)]
    [InlineData("completion", Recalibrate)]
    public void A_resumed_run_rebuilds_the_same_calibration_and_equals_the_uninterrupted_one(string anchorEstimate, string recalibrate)
    {
        var config = Config(Irt + $"  anchor_estimate: {anchorEstimate}\n" + recalibrate);
        string reference = Run(config);
        string folder = _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));
        foreach (int stopAfter in new[] { 3, 5, 9, 14 })
        {
            using var cancel = new CancellationTokenSource();
            int seen = 0;
            using var run = Directory.Exists(folder) ? SearchRun.Resume(folder, null, Fast) : SearchRun.Start(config, folder, Fast);
            run.Run(new SyncProgress(_ => { if (++seen == stopAfter) cancel.Cancel(); }), cancel.Token);
        }
        using (var run = SearchRun.Resume(folder, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    [Fact]
    public void Tasks_without_right_or_wrong_per_example_scores_are_refused_before_any_weights_are_read()
    {
        string extra = "  - {name: ext, evaluator: command, command: 'true', metric: score, objective: weighted}\n"
                     + "  - {name: loss, evaluator: classifier, data: fit_a.csv, metric: neg_log_loss, objective: weighted}\n";
        var error = Assert.Throws<SearchConfigException>(() => Config(extraTask: extra));
        Assert.Contains("fitness.estimator: task 'ext' uses the command evaluator", error.Message);
        Assert.Contains("fitness.estimator: irt models right/wrong answers, but task 'loss' is scored by 'neg_log_loss'", error.Message);
        var others = Assert.Throws<SearchConfigException>(() => Config("fitness:\n  estimator: irt\n  cache: true\n  racing: {start: 4}\n", optimizer: "m2n2"));
        Assert.Contains("irt and fitness.racing", others.Message);
        Assert.Contains("irt cannot be combined with fitness.cache", others.Message);
        Assert.Contains("'m2n2' competes over per-example scores", others.Message);
        var stray = Assert.Throws<SearchConfigException>(() => Config("fitness:\n  anchors: 10\n  estimator: guess\n"));
        Assert.Contains("fitness.estimator: 'guess' is not full or irt", stray.Message);
        var estimate = Assert.Throws<SearchConfigException>(() => Config("fitness:\n  estimator: irt\n  anchor_estimate: best\n"));
        Assert.Contains("fitness.anchor_estimate: 'best' is not one of difference, gp_irt, weighted, completion, neighbour", estimate.Message);
        var orphan = Assert.Throws<SearchConfigException>(() => Config("fitness:\n  anchor_estimate: weighted\n"));
        Assert.Contains("fitness.anchors, fitness.calibration, fitness.anchor_estimate and fitness.recalibrate belong to estimator: irt", orphan.Message);
    }

    [Fact]
    public void Bad_recalibrate_values_are_refused_together_with_their_field_paths()
    {
        var error = Assert.Throws<SearchConfigException>(() => Config(Irt + "  recalibrate: {every_generations: 0, count: -2, often: 3}\n"));
        Assert.Contains("fitness.recalibrate.every_generations: expected an integer of at least 1", error.Message);
        Assert.Contains("fitness.recalibrate.count: expected an integer of at least 1", error.Message);
        Assert.Contains("often", error.Message);
        var orphan = Assert.Throws<SearchConfigException>(() => Config("fitness:\n" + Recalibrate));
        Assert.Contains("fitness.recalibrate belong to estimator: irt", orphan.Message);
        Assert.Equal(new RecalibrateSpec(1, 1), Config(Irt + "  recalibrate: {}\n").Fitness.Irt!.Recalibrate);
        Assert.Null(Config().Fitness.Irt!.Recalibrate);
    }

    [Theory]
    [InlineData("neighbour")]
    [InlineData("completion")]
    public void Recalibration_scores_the_first_trial_of_each_later_generation_in_full_and_the_others_on_anchors_of_their_own(string anchorEstimate)
    {
        var config = Config(Irt + $"  anchor_estimate: {anchorEstimate}\n" + Recalibrate);
        string folder = Run(config);
        var rows = Rows(folder);
        int generation = Array.IndexOf(rows[0], "generation"), stderr = Array.IndexOf(rows[0], "task.a.accuracy_stderr");
        var completed = rows.Skip(1).Where(r => r[2] == "completed").ToList();
        Assert.Equal(20, completed.Count);
        // After the 6 calibration trials, each generation that had none of them opens with one trial in full.
        var later = completed.Skip(6).GroupBy(r => r[generation]).Where(g => !completed.Take(6).Any(c => c[generation] == g.Key)).ToList();
        Assert.NotEmpty(later);
        foreach (var trials in later)
        {
            Assert.Equal("80", trials.First()[^1]);
            Assert.Equal("", trials.First()[stderr]);
            Assert.All(trials.Skip(1), r => Assert.Equal("12", r[^1]));
        }
        var estimated = completed.Where(r => r[^1] == "12").ToList();
        Assert.All(estimated, r => Assert.True(double.Parse(r[stderr], CultureInfo.InvariantCulture) >= 0));
        Assert.Equal(RunFiles.TrialsWithoutSeconds(folder), RunFiles.TrialsWithoutSeconds(Run(config)));
    }

    [Fact]
    public void The_anchor_estimate_defaults_to_difference_and_each_choice_gives_its_own_reproducible_estimates()
    {
        Assert.Equal(AnchorEstimate.Difference, Config().Fitness.Irt!.Estimate);
        var estimates = new List<string>();
        foreach (string name in IrtSpec.EstimateNames)
        {
            var config = Config(Irt + $"  anchor_estimate: {name}\n");
            Assert.Equal(name, IrtSpec.NameOf(config.Fitness.Irt!.Estimate));
            string folder = Run(config);
            Assert.Equal(RunFiles.TrialsWithoutSeconds(folder), RunFiles.TrialsWithoutSeconds(Run(config)));
            int accuracy = Array.IndexOf(Rows(folder)[0], "task.a.accuracy");
            estimates.Add(string.Join(";", Rows(folder).Skip(7).Select(r => r[accuracy])));
        }
        Assert.Equal(IrtSpec.EstimateNames.Count, estimates.Distinct().Count());
    }

    [Fact]
    public void Anchors_travel_in_a_trial_request_as_json()
    {
        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var request = new TrialRequest("run-1", "hash", 7, 2, [0.5], 99) { Anchors = [[1, 5], [0, 2, 3]] };
        var back = JsonSerializer.Deserialize<TrialRequest>(JsonSerializer.Serialize(request, options), options)!;
        Assert.Equal(request.Anchors, back.Anchors);
    }

    [Fact]
    public void Irt_options_are_part_of_the_resume_hash()
    {
        string plain = SearchConfigWriter.SearchHash(Config(""));
        string irt = SearchConfigWriter.SearchHash(Config());
        Assert.NotEqual(plain, irt);
        Assert.NotEqual(irt, SearchConfigWriter.SearchHash(Config("fitness:\n  estimator: irt\n  anchors: 7\n  calibration: 6\n")));
        Assert.NotEqual(irt, SearchConfigWriter.SearchHash(Config(Irt + "  anchor_estimate: gp_irt\n")));
        Assert.Equal(irt, SearchConfigWriter.SearchHash(Config(Irt + "  anchor_estimate: difference\n")));
        Assert.NotEqual(irt, SearchConfigWriter.SearchHash(Config(Irt + Recalibrate)));
        Assert.NotEqual(SearchConfigWriter.SearchHash(Config(Irt + Recalibrate)), SearchConfigWriter.SearchHash(Config(Irt + "  recalibrate: {count: 2}\n")));
    }

    public void Dispose() => _fixture.Dispose();
}
