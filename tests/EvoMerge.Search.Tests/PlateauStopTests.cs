using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

public sealed class PlateauStopTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    /// <summary>A CMA-ES config (9 per generation) with a large budget and the given patience lines.</summary>
    string ConfigWithPatience(string patience)
    {
        string path = _fixture.Config("cmaes", evaluations: 900);
        File.WriteAllText(path, File.ReadAllText(path).Replace("budget:\n  evaluations: 900\n", $"budget:\n  evaluations: 900\n{patience}", StringComparison.Ordinal));
        return path;
    }

    string NewRunFolder() => _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_plateau_ends_the_run_after_G_generations_without_improvement_and_says_so_in_the_journal()
    {
        // No accuracy can improve by more than 1: generation 0 sets the reference, generations 1 and 2 do not improve.
        var config = SearchConfigParser.ParseFile(ConfigWithPatience("  patience: {generations: 2, min_delta: 1}\n"), _fixture.Folder);
        string folder = NewRunFolder();
        SearchOutcome outcome;
        using (var run = SearchRun.Start(config, folder, Fast)) outcome = run.Run();

        Assert.Equal(SearchEnd.Finished, outcome.End);
        Assert.Equal(3 * 9, outcome.Completed);
        var reason = Assert.Single(outcome.Reasons, r => r.Contains("patience", StringComparison.Ordinal));
        Assert.Contains("for 2 generations", reason);
        string journal = File.ReadAllText(Path.Combine(folder, RunJournal.FileName));
        Assert.Contains("run_finished", journal);
        Assert.Contains("did not improve by more than 1 for 2 generations", journal);
    }

    [Fact]
    public void Without_patience_the_same_run_goes_on()
    {
        var config = SearchConfigParser.ParseFile(_fixture.Config("cmaes", evaluations: 45), _fixture.Folder);
        string folder = NewRunFolder();
        using var run = SearchRun.Start(config, folder, Fast);
        Assert.Equal(45, run.Run().Completed);
    }

    [Fact]
    public void An_interrupted_and_resumed_run_stops_on_the_same_plateau()
    {
        var config = SearchConfigParser.ParseFile(ConfigWithPatience("  patience: {generations: 3, min_delta: 0.05}\n"), _fixture.Folder);
        string reference = NewRunFolder();
        SearchOutcome whole;
        using (var run = SearchRun.Start(config, reference, Fast)) whole = run.Run();
        Assert.Contains(whole.Reasons, r => r.Contains("patience", StringComparison.Ordinal));
        Assert.True(whole.Completed < 900, $"the plateau should end the run before its budget (completed {whole.Completed})");

        string folder = NewRunFolder();
        foreach (int stopAfter in new[] { 5, 13, 20 })
        {
            using var cancel = new CancellationTokenSource();
            int seen = 0;
            using var run = Directory.Exists(folder) ? SearchRun.Resume(folder, null, Fast) : SearchRun.Start(config, folder, Fast);
            run.Run(new SyncProgress(_ => { if (++seen == stopAfter) cancel.Cancel(); }), cancel.Token);
        }
        SearchOutcome resumed;
        using (var run = SearchRun.Resume(folder, null, Fast)) resumed = run.Run();

        Assert.Equal(whole.Reasons, resumed.Reasons);
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    [Fact]
    public void Bad_patience_settings_are_reported_with_their_field()
    {
        var error = Assert.Throws<SearchConfigException>(() => SearchConfigParser.ParseFile(ConfigWithPatience("  patience: {generations: 0, min_delta: -1, typo: 3}\n"), _fixture.Folder));
        Assert.Contains("budget.patience.generations", error.Message);
        Assert.Contains("budget.patience.min_delta", error.Message);
        Assert.Contains("budget.patience.typo", error.Message);
    }

    [Fact]
    public void Patience_survives_the_stored_config_and_is_not_part_of_the_search_hash()
    {
        var with = SearchConfigParser.ParseFile(ConfigWithPatience("  patience: {generations: 4, min_delta: 0.001}\n"), _fixture.Folder);
        var reread = SearchConfigParser.Parse(SearchConfigWriter.ToYaml(with), _fixture.Folder, "stored.yml", "stored");
        Assert.Equal(new PatienceSpec(4, 0.001), reread.Budget.Patience);
        var without = with with { Budget = with.Budget with { Patience = null } };
        Assert.Equal(SearchConfigWriter.SearchRelevantYaml(with), SearchConfigWriter.SearchRelevantYaml(without));
    }

    public void Dispose() => _fixture.Dispose();
}
