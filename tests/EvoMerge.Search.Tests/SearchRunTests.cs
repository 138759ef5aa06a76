using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Locking;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Inputs;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

public sealed class SearchRunTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    SearchConfig Parse(string configPath) => SearchConfigParser.ParseFile(configPath, _fixture.Folder);

    string NewRunFolder() => _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    string RunToEnd(SearchConfig config)
    {
        string folder = NewRunFolder();
        using var run = SearchRun.Start(config, folder, Fast);
        var outcome = run.Run();
        Assert.Equal(SearchEnd.Finished, outcome.End);
        return folder;
    }

    [Fact]
    public void A_run_evaluates_its_budget_and_writes_the_derived_files()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 20));
        string folder = RunToEnd(config);

        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        Assert.Equal("trial,generation,status,reason,seconds,worker," +
                     "layers_0-0.expert_a.weight,layers_0-0.expert_b.weight,layers_1-1.expert_a.weight,layers_1-1.expert_b.weight," +
                     "layers_2-2.expert_a.weight,layers_2-2.expert_b.weight,task.a.accuracy,task.b.accuracy,objective.weighted_sum", lines[0]);
        // CMA-ES asks 9 per generation: the third generation is cut to 2 so the run spends exactly its budget.
        Assert.Equal(20, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains(",completed,", l));
        Assert.All(lines.Skip(1), l => Assert.Equal("in-process", l.Split(',')[5]));
        Assert.True(File.Exists(Path.Combine(folder, "pareto.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "generations.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "best", "weighted_sum", "recipe.yml")));
        Assert.Contains("merge_method: task_arithmetic", File.ReadAllText(Path.Combine(folder, "best", "weighted_sum", "recipe.yml")));
    }

    [Theory]
    [InlineData("cmaes", false)]
    [InlineData("sep-cmaes", false)]
    [InlineData("cmawm", false)]
    [InlineData("ga", false)]
    [InlineData("m2n2", false)]
    [InlineData("nsga2", true)]
    [InlineData("random", true)]
    public void An_interrupted_and_resumed_run_equals_an_uninterrupted_one(string optimizer, bool twoObjectives)
    {
        var config = Parse(_fixture.Config(optimizer, evaluations: 30, twoObjectives: twoObjectives, population: optimizer is "ga" or "nsga2" or "m2n2" ? 6 : null));
        string reference = RunToEnd(config);

        string folder = NewRunFolder();
        foreach (int stopAfter in new[] { 3, 7, 8 })
        {
            using var cancel = new CancellationTokenSource();
            int seen = 0;
            using var run = seen == 0 && !Directory.Exists(folder) ? SearchRun.Start(config, folder, Fast) : SearchRun.Resume(folder, null, Fast);
            var outcome = run.Run(new SyncProgress(_ => { if (++seen == stopAfter) cancel.Cancel(); }), cancel.Token);
            Assert.Equal(SearchEnd.Interrupted, outcome.End);
        }
        using (var run = SearchRun.Resume(folder, null, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    [Theory]
    [InlineData("cmaes", 5)]
    [InlineData("nsga2", 8)]
    [InlineData("m2n2", 7)]
    public void A_budget_smaller_than_a_generation_is_spent_exactly(string optimizer, long evaluations)
    {
        string folder = RunToEnd(Parse(_fixture.Config(optimizer, evaluations: evaluations, twoObjectives: optimizer == "nsga2", population: optimizer == "cmaes" ? null : 6)));

        Assert.Equal(evaluations, File.ReadAllLines(Path.Combine(folder, "trials.csv")).Length - 1);
        var state = RunState.From(RunJournal.ReadOnly(folder));
        Assert.Equal(evaluations, state.Trials.Count);
        Assert.Empty(state.Pending);
    }

    [Theory]
    [InlineData("cmaes")]
    [InlineData("ga")]
    public void Extending_a_budget_that_cut_a_generation_evaluates_the_cut_candidates_first(string optimizer)
    {
        var small = Parse(_fixture.Config(optimizer, evaluations: 5, population: optimizer == "ga" ? 6 : null));
        var large = Parse(_fixture.Config(optimizer, evaluations: 16, population: optimizer == "ga" ? 6 : null));
        string reference = RunToEnd(large);

        string folder = RunToEnd(small);
        using (var run = SearchRun.Resume(folder, large, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        // The same trials with the same genes and outcomes; only the journal generation of the cut ones differs.
        Assert.Equal(TrialsWithoutGeneration(reference), TrialsWithoutGeneration(folder));
    }

    static string TrialsWithoutGeneration(string folder) =>
        string.Join('\n', RunFiles.TrialsWithoutSeconds(folder).Split('\n').Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1))));

    [Theory]
    [InlineData("models/expert_a/model.safetensors", "models/expert_b/model.safetensors")]
    [InlineData("fit_a.csv", "fit_b.csv")]
    public void Resume_refuses_an_input_changed_since_the_run_began_naming_the_file(string input, string replacement)
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 30));
        string folder = NewRunFolder();
        using (var cancel = new CancellationTokenSource())
        using (var run = SearchRun.Start(config, folder, Fast))
        {
            int seen = 0;
            run.Run(new SyncProgress(_ => { if (++seen == 4) cancel.Cancel(); }), cancel.Token);
        }

        File.Copy(_fixture.PathOf(replacement), _fixture.PathOf(input), overwrite: true);

        var refused = Assert.Throws<ResumeRefusedException>(() => SearchRun.Resume(folder, null, Fast));
        Assert.Contains(_fixture.PathOf(input), refused.Message);
        Assert.Contains("changed since the run began", refused.Message);
    }

    [Fact]
    public void Resume_accepts_unchanged_inputs_and_a_journal_without_an_input_record()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 10));

        Assert.Null(InputIdentity.Differences(InputIdentity.Record(config), config));
        Assert.Null(InputIdentity.Differences(null, config));
        string folder = RunToEnd(config);
        using var resumed = SearchRun.Resume(folder, null, Fast);
    }

    [Fact]
    public void Resume_replays_the_whole_journal_when_no_snapshot_is_usable()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 30));
        string reference = RunToEnd(config);

        string folder = NewRunFolder();
        using (var cancel = new CancellationTokenSource())
        using (var run = SearchRun.Start(config, folder, Fast))
        {
            int seen = 0;
            run.Run(new SyncProgress(_ => { if (++seen == 20) cancel.Cancel(); }), cancel.Token);
        }
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "snapshots"))) File.WriteAllText(file, "{\"damaged\": true}");
        var notes = new List<string>();
        using (var run = SearchRun.Resume(folder, null, Fast with { Log = notes.Add }))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        Assert.Contains(notes, n => n.Contains("replaying the whole journal"));
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    [Fact]
    public void A_torn_last_journal_line_is_dropped_and_its_trial_runs_again()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 20));
        string reference = RunToEnd(config);
        string folder = NewRunFolder();
        using (var cancel = new CancellationTokenSource())
        using (var run = SearchRun.Start(config, folder, Fast))
        {
            int seen = 0;
            run.Run(new SyncProgress(_ => { if (++seen == 5) cancel.Cancel(); }), cancel.Token);
        }
        string journal = Path.Combine(folder, RunJournal.FileName);
        var bytes = File.ReadAllBytes(journal);
        File.WriteAllBytes(journal, bytes[..^25]); // cut the last trial's line in the middle, as a power loss would

        var notes = new List<string>();
        using (var run = SearchRun.Resume(folder, null, Fast with { Log = notes.Add }))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        Assert.Contains(notes, n => n.Contains("torn"));
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    [Fact]
    public void Resume_with_a_changed_experiment_is_refused_but_a_larger_budget_continues()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 10));
        string folder = RunToEnd(config);

        var changed = config with { Seed = config.Seed + 1 };
        var refused = Assert.Throws<ResumeRefusedException>(() => SearchRun.Resume(folder, changed, Fast));
        Assert.Contains("seed", refused.Message);

        var extended = config with { Budget = new BudgetSpec(30, null) };
        using (var run = SearchRun.Resume(folder, extended, Fast))
        {
            var outcome = run.Run();
            Assert.Equal(SearchEnd.Finished, outcome.End);
            Assert.Equal(30, outcome.Completed);
        }
        Assert.Contains("evaluations: 30", File.ReadAllText(Path.Combine(folder, "config.yml")));
        // The first run's budget cut its second generation; the extension evaluates the rest as a generation of its own.
        Assert.Equal(TrialsWithoutGeneration(RunToEnd(extended)), TrialsWithoutGeneration(folder));
    }

    [Fact]
    public void A_run_folder_in_use_cannot_be_resumed_by_a_second_writer()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 10));
        string folder = NewRunFolder();
        using var run = SearchRun.Start(config, folder, Fast);
        Assert.Throws<RunFolderInUseException>(() => SearchRun.Resume(folder, null, Fast));
    }

    [Fact]
    public void Starting_in_a_non_empty_folder_is_refused()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 10));
        string folder = RunToEnd(config);
        Assert.Throws<IOException>(() => SearchRun.Start(config, folder, Fast));
    }

    public void Dispose() => _fixture.Dispose();
}
