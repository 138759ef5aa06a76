using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Best;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Export;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>Several metrics per task: all recorded (trials.csv, test.csv), the first decides, the others break ties for "best".</summary>
public sealed class TieBreakTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero };

    [Fact]
    public void A_classifier_task_records_every_listed_metric_in_trials_and_test_scores()
    {
        string path = _fixture.Config("cmaes", evaluations: 6, population: 3, name: "multi");
        File.WriteAllText(path, File.ReadAllText(path).Replace(
            "test_data: test_a.csv, metric: accuracy,", "test_data: test_a.csv, metrics: [accuracy, neg_log_loss],", StringComparison.Ordinal));
        var config = SearchConfigParser.ParseFile(path, _fixture.Folder);
        Assert.Equal("accuracy", config.Tasks[0].Metric);

        using var run = SearchRun.Start(config, _fixture.PathOf("run"), Fast);
        run.Run();
        TestEvaluation.Write(run.AsFinished());

        var header = File.ReadLines(_fixture.PathOf("run/trials.csv")).First().Split(',');
        Assert.Contains("task.a.accuracy", header);
        Assert.Contains("task.a.neg_log_loss", header);
        var test = File.ReadAllLines(_fixture.PathOf("run/test.csv"));
        int column = Array.IndexOf(test[0].Split(','), "task.a.neg_log_loss");
        Assert.True(column > 0, test[0]);
        Assert.All(test.Skip(1), row => Assert.True(double.Parse(row.Split(',')[column], System.Globalization.CultureInfo.InvariantCulture) < 0, row));
    }

    [Fact]
    public void Tied_trials_are_ordered_by_the_next_metric()
    {
        // Every trial scores 1; the tie-breaker counts the evaluations, so the last trial is the best one.
        string counter = _fixture.PathOf("count");
        string script = _fixture.PathOf("tied.sh");
        File.WriteAllText(script, $"test -d \"$1\" || exit 2\nn=$(cat '{counter}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '{counter}'\necho \"{{\\\"score\\\": 1, \\\"order\\\": $n}}\"\n");
        var config = SearchConfigParser.ParseFile(_fixture.Config("random", evaluations: 6, twoObjectives: true, population: 3,
            extraTask: $"  - {{name: ext, evaluator: command, command: [sh, {script}, \"{{model}}\"], metrics: [score, order], objective: own}}\n"), _fixture.Folder);
        using var run = SearchRun.Start(config, _fixture.PathOf("run"), Fast);

        run.Run();

        var state = run.Snapshot();
        var objective = run.Setup.Schema.Objectives.Single(o => o.Name == "ext");
        Assert.Equal(["task.ext.order"], objective.TieBreak);
        var (_, best) = BestTrials.Find(state, run.Setup.Schema).Single(b => b.Name == "ext");
        // Only the Pareto front is eligible; every front trial ties on ext, so the order metric decides among them.
        var front = RunFront.Of(state, run.Setup.Schema.Maximize);
        Assert.True(front.Count >= 2, $"the test needs a tie on the front; front: {front.Count} trial(s)");
        var expected = front.MaxBy(t => t.Completion!.Metrics["task.ext.order"])!;
        Assert.Equal(expected.TrialId, best.TrialId);
        Assert.NotEqual(front.Min(t => t.TrialId), best.TrialId);
    }

    [Theory]
    [InlineData("metrics: [accuracy, f1_macro]", "tasks[0].metrics: unknown metric 'f1_macro'")]
    [InlineData("metric: neg_log_loss, metrics: [accuracy]", "tasks[0].metric: 'neg_log_loss' must be one of metrics")]
    [InlineData("metrics: [accuracy, accuracy]", "tasks[0].metrics: 'accuracy' is listed 2 times")]
    public void Bad_metric_lists_are_refused(string fields, string expected)
    {
        string path = _fixture.Config("cmaes");
        File.WriteAllText(path, File.ReadAllText(path).Replace("test_data: test_a.csv, metric: accuracy,", $"test_data: test_a.csv, {fields},", StringComparison.Ordinal));

        var error = Assert.Throws<SearchConfigException>(() => SearchConfigParser.ParseFile(path, _fixture.Folder));

        Assert.Contains(error.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    public void Dispose() => _fixture.Dispose();
}
