using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvoMerge.Runs.Storage;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Tests.Support;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests.Racing;

public sealed class RacingSearchTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    // Two tasks of 40 rows each: the full fitness set is 80 examples.
    const int FullExamples = 80;

    SearchConfig Config(string? racing, long evaluations = 24, string optimizer = "cmaes", string fitnessExtra = "", string extraTask = "", bool twoObjectives = false)
    {
        string path = _fixture.Config(optimizer, evaluations: evaluations, extraTask: extraTask, twoObjectives: twoObjectives);
        if (racing is not null || fitnessExtra.Length > 0)
            File.AppendAllText(path, "fitness:\n" + (racing is null ? "" : $"  racing: {racing}\n") + fitnessExtra);
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

    static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void With_confidence_one_the_optimizer_sees_exactly_the_full_ranking()
    {
        var full = Rows(Run(Config(null)));
        var raced = Rows(Run(Config("{start: 4, growth: 2, confidence: 1}")));
        var header = raced[0];
        Assert.Equal("examples", header[^1]);
        int firstGene = Array.IndexOf(header, "worker") + 1;
        int firstMetric = Array.IndexOf(header, "task.a.accuracy");
        int objective = Array.IndexOf(header, "objective.weighted_sum");
        Assert.Equal(full.Count, raced.Count);
        for (int r = 1; r < full.Count; r++)
        {
            // CMA-ES reads only the order: the same ranking every generation gives the very same candidates.
            Assert.Equal(full[r][firstGene..firstMetric], raced[r][firstGene..firstMetric]);
            for (int c = firstMetric; c <= objective; c++) Assert.Equal(Number(full[r][c]), Number(raced[r][c]), 12);
            Assert.Equal(FullExamples.ToString(CultureInfo.InvariantCulture), raced[r][^1]);
        }
    }

    [Fact]
    public void An_easy_race_spends_fewer_examples_than_full_evaluation()
    {
        // Only the leader matters (rank_depth 1) and random candidates differ widely: most are out after a slice or two.
        var rows = Rows(Run(Config("{start: 4, growth: 2, confidence: 0.5, rank_depth: 1}", evaluations: 48, optimizer: "random")));
        var examples = rows.Skip(1).Select(r => int.Parse(r[^1], CultureInfo.InvariantCulture)).ToList();
        Assert.All(examples, n => Assert.InRange(n, 8, FullExamples)); // at least the first slice of both tasks
        Assert.True(examples.Sum() < examples.Count * FullExamples, $"the race used {examples.Sum()} examples, full evaluation {examples.Count * FullExamples}");
    }

    [Fact]
    public void A_run_stopped_anywhere_even_inside_a_race_resumes_to_the_uninterrupted_result()
    {
        var config = Config("{start: 4, growth: 2, confidence: 0.5}", evaluations: 36);
        string reference = Run(config);
        string folder = _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));
        // Stops after a handful of slices: inside the first race, at its end, inside later ones.
        foreach (int stopAfter in new[] { 3, 5, 14, 9, 30 })
        {
            using var cancel = new CancellationTokenSource();
            using var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null);
            using var dispatcher = new InterruptingDispatcher(evaluator, stopAfter, cancel);
            using var run = Directory.Exists(folder) ? SearchRun.Resume(folder, null, Fast with { Dispatcher = dispatcher })
                                                     : SearchRun.Start(config, folder, Fast with { Dispatcher = dispatcher });
            run.Run(null, cancel.Token);
            Assert.All(dispatcher.Requests, r => Assert.NotNull(r.Slice));
        }
        using (var run = SearchRun.Resume(folder, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    [Fact]
    public void Racing_within_a_fixed_subset_never_goes_past_it()
    {
        var rows = Rows(Run(Config("{start: 4, confidence: 1}", evaluations: 12, fitnessExtra: "  examples: 10\n")));
        Assert.All(rows.Skip(1), r => Assert.Equal("20", r[^1])); // 10 of each task
    }

    [Fact]
    public void A_slice_travels_in_a_trial_request_as_json_and_old_requests_read_without_one()
    {
        var options = new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var request = new TrialRequest("run-1", "hash", 7, 2, [0.5, 1.0], 99) { Slice = new FitnessSlice(8, 16) };
        var back = JsonSerializer.Deserialize<TrialRequest>(JsonSerializer.Serialize(request, options), options)!;
        Assert.Equal(new FitnessSlice(8, 16), back.Slice);
        string old = """{"RunId":"run-1","ConfigHash":"hash","TrialId":7,"Generation":2,"Genes":[0.5],"Seed":99}""";
        Assert.Null(JsonSerializer.Deserialize<TrialRequest>(old, options)!.Slice);
    }

    [Fact]
    public void A_request_for_positions_past_the_fitness_set_is_refused()
    {
        var config = Config("{start: 4}");
        using var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null);
        var request = new TrialRequest("run", evaluator.ConfigHash, 0, 0, new double[evaluator.Space.GeneNames.Count], 1) { Slice = new FitnessSlice(40, 48) };
        var error = Assert.Throws<ArgumentException>(() => evaluator.Evaluate(request, null, default));
        Assert.Contains("positions 40..47", error.Message);
    }

    [Fact]
    public void Racing_is_refused_where_it_cannot_work_with_every_reason_at_once()
    {
        string command = "  - {name: ext, evaluator: command, command: 'true', metric: score, objective: weighted}\n";
        var error = Assert.Throws<SearchConfigException>(() => Config("{start: 1, growth: 1, confidence: 0}", optimizer: "m2n2", fitnessExtra: "  cache: true\n", extraTask: command));
        Assert.Contains("fitness.racing.start", error.Message);
        Assert.Contains("fitness.racing.growth", error.Message);
        Assert.Contains("fitness.racing.confidence", error.Message);
        Assert.Contains("fitness.racing: task 'ext' uses the command evaluator", error.Message);
        Assert.Contains("fitness.racing: cannot be combined with fitness.cache", error.Message);
        Assert.Contains("fitness.racing: 'm2n2' competes over per-example scores", error.Message);
        var multi = Assert.Throws<SearchConfigException>(() => Config("{start: 4}", optimizer: "nsga2", twoObjectives: true));
        Assert.Contains("fitness.racing: a race ranks one objective", multi.Message);
    }

    [Fact]
    public void Racing_options_are_part_of_the_resume_hash_and_absent_ones_change_nothing()
    {
        string plain = SearchConfigWriter.SearchHash(Config(null));
        string raced = SearchConfigWriter.SearchHash(Config("{start: 4}"));
        Assert.NotEqual(plain, raced);
        Assert.NotEqual(raced, SearchConfigWriter.SearchHash(Config("{start: 8}")));
        Assert.Equal(raced, SearchConfigWriter.SearchHash(Config("{start: 4, growth: 2, confidence: 0.95}")));
    }

    public void Dispose() => _fixture.Dispose();
}
