using System.Globalization;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

public sealed class FitnessSubsetTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    string ConfigPath(string fitness, string extraTask = "")
    {
        string path = _fixture.Config("cmaes", evaluations: 18, extraTask: extraTask);
        File.AppendAllText(path, fitness);
        return path;
    }

    string Run(SearchConfig config)
    {
        string folder = _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));
        using var run = SearchRun.Start(config, folder, Fast);
        Assert.Equal(SearchEnd.Finished, run.Run().End);
        return folder;
    }

    [Fact]
    public void Every_candidate_is_scored_on_the_same_seeded_subset_of_each_task()
    {
        var config = SearchConfigParser.ParseFile(ConfigPath("fitness:\n  examples: 10\n"), _fixture.Folder);
        using (var suite = TaskSuiteFactory.Create(config, TaskSplit.Fitness, Path.GetTempPath()))
            Assert.All(suite.Tasks, t => Assert.Equal(10, t.Examples)); // of 40 rows each
        using (var test = TaskSuiteFactory.Create(config, TaskSplit.Test, Path.GetTempPath()))
            Assert.All(test.Tasks, t => Assert.Equal(30, t.Examples)); // test data stays whole

        string folder = Run(config);
        var lines = File.ReadAllLines(Path.Combine(folder, "trials.csv"));
        int accuracy = Array.IndexOf(lines[0].Split(','), "task.a.accuracy");
        foreach (var line in lines.Skip(1))
        {
            double value = double.Parse(line.Split(',')[accuracy], CultureInfo.InvariantCulture);
            Assert.Equal(Math.Round(value * 10), value * 10, 9); // a multiple of 1/10: scored on 10 rows
        }
        // Same config, same subset: the run is reproducible.
        Assert.Equal(Support.RunFiles.TrialsWithoutSeconds(folder), Support.RunFiles.TrialsWithoutSeconds(Run(config)));
    }

    [Fact]
    public void The_subset_is_stratified_and_depends_on_seed_and_task()
    {
        double[] labels = [.. Enumerable.Range(0, 300).Select(i => (double)(i % 3))];
        var rows = new FitnessSubset(30, 5, "a", labels).PickRows(300, "data.csv");
        Assert.Equal(30, rows.Count);
        Assert.All(Enumerable.Range(0, 3), label => Assert.Equal(10, rows.Count(r => labels[r] == label)));
        Assert.Equal(rows, new FitnessSubset(30, 5, "a", labels).PickRows(300, "data.csv"));
        Assert.NotEqual(rows, new FitnessSubset(30, 5, "b", labels).PickRows(300, "data.csv"));
        Assert.NotEqual(rows, new FitnessSubset(30, 6, "a", labels).PickRows(300, "data.csv"));
    }

    [Fact]
    public void Command_tasks_cannot_score_a_subset_and_are_refused_before_any_weights_are_read()
    {
        string extra = "  - {name: ext, evaluator: command, command: 'true', metric: score, objective: weighted}\n";
        var error = Assert.Throws<SearchConfigException>(() => SearchConfigParser.ParseFile(ConfigPath("fitness:\n  examples: 10\n", extra), _fixture.Folder));
        Assert.Contains("fitness.examples: task 'ext' uses the command evaluator", error.Message);
    }

    [Fact]
    public void Unknown_fitness_fields_and_bad_sizes_are_reported_together()
    {
        var error = Assert.Throws<SearchConfigException>(() => SearchConfigParser.ParseFile(ConfigPath("fitness:\n  examples: 0\n  cache: maybe\n  sampling: {}\n"), _fixture.Folder));
        Assert.Contains("fitness.examples", error.Message);
        Assert.Contains("fitness.cache", error.Message);
        Assert.Contains("fitness.sampling: unknown field", error.Message);
    }

    public void Dispose() => _fixture.Dispose();
}
