using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

public sealed class ScoreCacheTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    // The GA copies a parent unchanged now and then (no crossover, no mutation): identical recipes.
    SearchConfig Config(bool cache)
    {
        string path = _fixture.Config("ga", evaluations: 120, population: 6);
        if (cache) File.AppendAllText(path, "fitness:\n  cache: true\n");
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
    public void Identical_recipes_reuse_the_earlier_outcome_and_say_where_it_came_from()
    {
        var rows = Rows(Run(Config(cache: true)));
        var header = rows[0];
        Assert.Equal("cached_from", header[^1]);
        int objective = Array.IndexOf(header, "objective.weighted_sum");
        // A cached trial was evaluated by no worker: compare from the first gene on.
        int firstGene = Array.IndexOf(header, "worker") + 1;
        var byId = rows.Skip(1).ToDictionary(r => r[0]);
        var cached = rows.Skip(1).Where(r => r[^1] != "").ToList();
        Assert.NotEmpty(cached);
        foreach (var row in cached)
        {
            var source = byId[row[^1]];
            Assert.True(long.Parse(source[0]) < long.Parse(row[0]), "a cache source is an earlier trial");
            Assert.Equal(source[firstGene..objective], row[firstGene..objective]); // same genes and metrics
            Assert.Equal(source[objective], row[objective]);
            Assert.Equal("", source[^1]); // the source was evaluated
        }
    }

    [Fact]
    public void The_cache_changes_no_outcome_of_a_deterministic_evaluator()
    {
        var with = Rows(Run(Config(cache: true)));
        var without = Rows(Run(Config(cache: false)));
        int seconds = Array.IndexOf(without[0], "seconds");
        int worker = Array.IndexOf(without[0], "worker"); // a cached trial names no worker: none evaluated it
        static string[] Drop(string[] row, int a, int b, bool last) => [.. row.Where((_, i) => i != a && i != b && !(last && i == row.Length - 1))];
        Assert.Equal(without.Select(r => string.Join(',', Drop(r, seconds, worker, false))), with.Select(r => string.Join(',', Drop(r, seconds, worker, true))));
        Assert.DoesNotContain("cached_from", without[0]);
    }

    [Fact]
    public void A_resumed_run_caches_exactly_as_the_uninterrupted_one()
    {
        var config = Config(cache: true);
        string reference = Run(config);
        string folder = _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));
        foreach (int stopAfter in new[] { 7, 30, 31, 64 })
        {
            using var cancel = new CancellationTokenSource();
            int seen = 0;
            using var run = Directory.Exists(folder) ? SearchRun.Resume(folder, null, Fast) : SearchRun.Start(config, folder, Fast);
            run.Run(new SyncProgress(_ => { if (++seen == stopAfter) cancel.Cancel(); }), cancel.Token);
        }
        using (var run = SearchRun.Resume(folder, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
        Assert.Contains(Rows(folder).Skip(1), r => r[^1] != "");
    }

    [Fact]
    public void Fitness_options_are_part_of_the_resume_hash_only_when_set()
    {
        var without = Config(cache: false);
        var with = Config(cache: true);
        Assert.NotEqual(SearchConfigWriter.SearchHash(without), SearchConfigWriter.SearchHash(with));
        Assert.DoesNotContain("fitness", SearchConfigWriter.SearchRelevantYaml(without));
        var reread = SearchConfigParser.Parse(SearchConfigWriter.ToYaml(with), _fixture.Folder, "stored.yml", "stored");
        Assert.True(reread.Fitness.Cache);
    }

    [Fact]
    public void A_cached_completion_survives_the_journal()
    {
        var original = new TrialCompleted(5, 1, [0.5], new Dictionary<string, double> { ["task.a.accuracy"] = 0.5 }, null, 0) { CachedFrom = 2 };
        var json = System.Text.Json.JsonDocument.Parse(Serialize(original)).RootElement;
        Assert.Equal(2, TrialCompleted.Read(json).CachedFrom);
        Assert.Throws<ArgumentOutOfRangeException>(() => original with { CachedFrom = 5 });
    }

    static string Serialize(TrialCompleted completed)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream)) completed.WriteData(writer);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Dispose() => _fixture.Dispose();
}
