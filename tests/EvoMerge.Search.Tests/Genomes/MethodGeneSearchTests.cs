using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests.Genomes;

/// <summary>Searches whose merge method is a gene: trials name their method, resume replays them exactly.</summary>
public sealed class MethodGeneSearchTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    SearchConfig Config(string optimizer, long evaluations, string methods, bool perGroup)
    {
        var yaml = File.ReadAllText(_fixture.Config(optimizer, evaluations, method: methods, genomeExtra: perGroup ? "  method_per_group: true\n" : ""));
        return SearchConfigParser.Parse(yaml, _fixture.Folder, "test.yml", "test");
    }

    string NewRunFolder() => _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));

    string RunToEnd(SearchConfig config)
    {
        string folder = NewRunFolder();
        using var run = SearchRun.Start(config, folder, Fast);
        Assert.Equal(SearchEnd.Finished, run.Run().End);
        return folder;
    }

    [Fact]
    public void Trials_name_the_method_they_used_and_the_best_recipe_uses_it()
    {
        string folder = RunToEnd(Config("cmaes", 27, "[task_arithmetic, ties, dare_ties]", perGroup: false));

        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        var header = lines[0].Split(',');
        int column = Array.IndexOf(header, "method");
        Assert.Equal(6, column); // first gene, after trial,generation,status,reason,seconds,worker
        var used = lines.Skip(1).Select(l => l.Split(',')[column]).ToList();
        Assert.All(used, m => Assert.Contains(m, new[] { "task_arithmetic", "ties", "dare_ties" }));
        Assert.True(used.Distinct().Count() >= 2, $"the search tried only {string.Join(", ", used.Distinct())}");

        string recipe = File.ReadAllText(Path.Combine(folder, "best", "weighted_sum", "recipe.yml"));
        var best = lines.Skip(1).Select(l => l.Split(',')).Single(f => recipe.Contains($": trial {f[0]} (generation", StringComparison.Ordinal));
        Assert.Contains($"merge_method: {best[column]}\n", recipe);
    }

    [Fact]
    public void Per_group_method_columns_are_named_by_group()
    {
        string folder = RunToEnd(Config("random", 12, "[ties, task_arithmetic]", perGroup: true));

        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        var header = lines[0].Split(',').ToList();
        foreach (var group in new[] { "layers_0-0", "layers_1-1", "layers_2-2" })
        {
            int column = header.IndexOf($"{group}.method");
            Assert.True(column > 0, $"no column {group}.method in {lines[0]}");
            Assert.All(lines.Skip(1), l => Assert.Contains(l.Split(',')[column], new[] { "ties", "task_arithmetic" }));
        }
    }

    [Theory]
    [InlineData("cmaes", false)]
    [InlineData("cmawm", false)]
    [InlineData("cmawm", true)]
    public void An_interrupted_and_resumed_run_with_a_method_gene_equals_an_uninterrupted_one(string optimizer, bool perGroup)
    {
        var config = Config(optimizer, 30, "[task_arithmetic, ties, dare_ties]", perGroup);
        string reference = RunToEnd(config);

        string folder = NewRunFolder();
        foreach (int stopAfter in new[] { 3, 7, 8 })
        {
            using var cancel = new CancellationTokenSource();
            int seen = 0;
            using var run = !Directory.Exists(folder) ? SearchRun.Start(config, folder, Fast) : SearchRun.Resume(folder, null, Fast);
            var outcome = run.Run(new SyncProgress(_ => { if (++seen == stopAfter) cancel.Cancel(); }), cancel.Token);
            Assert.Equal(SearchEnd.Interrupted, outcome.End);
        }
        using (var run = SearchRun.Resume(folder, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
        Assert.Contains("method,", File.ReadLines(Path.Combine(folder, "trials.csv")).First());
    }

    public void Dispose() => _fixture.Dispose();
}
