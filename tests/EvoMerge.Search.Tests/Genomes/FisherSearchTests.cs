using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests.Genomes;

/// <summary>
/// fisher among the searched methods: each model's Fisher information is estimated from merge.parameters.fisher_data
/// once, when the run starts (into RUN_DIR.fisher), every trial reuses it, and a resume finds it again.
/// </summary>
public sealed class FisherSearchTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Options(List<string> log) =>
        new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1), Log = log.Add };

    string Yaml(string optimizer, long evaluations, string methods, string fisherParameters, string genomeExtra = "") =>
        File.ReadAllText(_fixture.Config(optimizer, evaluations, method: methods, genomeExtra: genomeExtra))
            .Replace($"  method: {methods}\n", $"  method: {methods}\n{fisherParameters}", StringComparison.Ordinal);

    SearchConfig Config(string optimizer, long evaluations, string methods = "[task_arithmetic, fisher]", string genomeExtra = "") =>
        SearchConfigParser.Parse(Yaml(optimizer, evaluations, methods, "  parameters: {fisher_data: fit_a.csv, fisher_examples: 30}\n", genomeExtra),
            _fixture.Folder, "test.yml", "test");

    string NewRunFolder() => _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));

    static int Estimations(List<string> log) => log.Count(l => l.StartsWith("estimated the Fisher information of ", StringComparison.Ordinal));

    [Fact]
    public void Fisher_is_estimated_once_per_model_at_the_start_and_every_fisher_trial_completes()
    {
        var log = new List<string>();
        string folder = NewRunFolder();
        using (var run = SearchRun.Start(Config("random", 16), folder, Options(log)))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        // fisher merges the two experts (it ignores the base): two estimates, not one per trial.
        Assert.Equal(2, Estimations(log));
        Assert.Equal(2, Directory.GetDirectories(SearchRun.FisherCacheFolder(folder)).Length);
        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var fisherRows = rows.Where(r => r[Array.IndexOf(header, "method")] == "fisher").ToList();
        Assert.True(fisherRows.Count >= 2, $"random search chose fisher {fisherRows.Count} times in {rows.Count} trials");
        Assert.All(rows, r => Assert.Equal("completed", r[Array.IndexOf(header, "status")]));
    }

    [Fact]
    public void Groups_merged_by_fisher_beside_groups_that_read_the_base_need_no_fisher_of_the_base()
    {
        var log = new List<string>();
        string folder = NewRunFolder();
        using (var run = SearchRun.Start(Config("random", 12, "[ties, fisher]", "  method_per_group: true\n"), folder, Options(log)))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        // Only the experts' Fisher, estimated at the start: no trial estimated the base's on the side.
        Assert.Equal(2, Estimations(log));
        Assert.Equal(2, Directory.GetDirectories(SearchRun.FisherCacheFolder(folder)).Length);
        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        Assert.All(lines.Skip(1), l => Assert.Contains(",completed,", l));
    }

    [Fact]
    public void A_resumed_fisher_search_reuses_the_estimate_and_equals_an_uninterrupted_one()
    {
        // fisher first: the search starts from it, so the interrupted generations hold fisher trials.
        var config = Config("cmawm", 24, "[fisher, task_arithmetic]");
        var referenceLog = new List<string>();
        string reference = NewRunFolder();
        using (var run = SearchRun.Start(config, reference, Options(referenceLog)))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        var log = new List<string>();
        string folder = NewRunFolder();
        foreach (int stopAfter in new[] { 3, 7 })
        {
            using var cancel = new CancellationTokenSource();
            int seen = 0;
            using var run = !Directory.Exists(folder) ? SearchRun.Start(config, folder, Options(log)) : SearchRun.Resume(folder, null, Options(log));
            var outcome = run.Run(new SyncProgress(_ => { if (++seen == stopAfter) cancel.Cancel(); }), cancel.Token);
            Assert.Equal(SearchEnd.Interrupted, outcome.End);
        }
        using (var run = SearchRun.Resume(folder, null, Options(log)))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        Assert.Equal(2, Estimations(log)); // at the first start only: the resumes found RUN_DIR.fisher
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
        Assert.Contains(",fisher,", File.ReadAllText(Path.Combine(folder, "trials.csv")));
    }

    [Fact]
    public void Fisher_without_fisher_data_is_refused_naming_the_field()
    {
        string yaml = Yaml("random", 4, "[task_arithmetic, fisher]", "");
        var e = Assert.Throws<SearchConfigException>(() => SearchConfigParser.Parse(yaml, _fixture.Folder, "test.yml", "test"));
        Assert.Contains(e.Problems, p => p.StartsWith("merge.parameters.fisher_data: required with merge method fisher", StringComparison.Ordinal));
    }

    [Fact]
    public void Fisher_fields_without_fisher_among_the_methods_are_refused()
    {
        string yaml = Yaml("random", 4, "[task_arithmetic, ties]", "  parameters: {fisher_data: fit_a.csv}\n");
        var e = Assert.Throws<SearchConfigException>(() => SearchConfigParser.Parse(yaml, _fixture.Folder, "test.yml", "test"));
        Assert.Contains(e.Problems, p => p.StartsWith("merge.parameters.fisher_data: read by merge method fisher only", StringComparison.Ordinal));
    }

    [Fact]
    public void The_resolved_config_keeps_the_fisher_data_and_it_is_part_of_the_experiment()
    {
        var config = Config("random", 4);
        string written = SearchConfigWriter.ToYaml(config);
        Assert.Contains($"fisher_data: '{_fixture.PathOf("fit_a.csv")}'", written);
        var reread = SearchConfigParser.Parse(written, _fixture.Folder, "config.yml", "test");
        Assert.Equal(config.Merge.FisherData, reread.Merge.FisherData);

        var other = SearchConfigParser.Parse(Yaml("random", 4, "[task_arithmetic, fisher]", "  parameters: {fisher_data: fit_b.csv, fisher_examples: 30}\n"),
            _fixture.Folder, "test.yml", "test");
        Assert.NotEqual(SearchConfigWriter.SearchHash(config), SearchConfigWriter.SearchHash(other));
    }

    public void Dispose() => _fixture.Dispose();
}
