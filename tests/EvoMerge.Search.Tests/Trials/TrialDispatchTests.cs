using System.Text.Json;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Genomes;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Tests.Trials;

public sealed class TrialDispatchTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero, CsvInterval = TimeSpan.FromHours(1) };

    SearchConfig Parse(string configPath) => SearchConfigParser.ParseFile(configPath, _fixture.Folder);

    string NewRunFolder() => _fixture.PathOf("run-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_request_survives_a_json_round_trip()
    {
        var request = new TrialRequest("run-0123456789abcdef", "sha256:ab", 42, 3, [0.25, -1.5e-300, 7], 123456789);

        var back = JsonSerializer.Deserialize<TrialRequest>(JsonSerializer.Serialize(request))!;

        Assert.Equal((request.RunId, request.ConfigHash, request.TrialId, request.Generation, request.Seed), (back.RunId, back.ConfigHash, back.TrialId, back.Generation, back.Seed));
        Assert.Equal(request.Genes, back.Genes);
    }

    [Fact]
    public void A_result_survives_a_json_round_trip()
    {
        var done = new TrialResult(7, new Dictionary<string, double> { ["task.a.accuracy"] = 0.75 }, [1, 0, 1], null, 1.5) { Worker = "gpu-2" };
        var failed = new TrialResult(8, null, null, "merge: shapes differ", 0.25);

        var doneBack = JsonSerializer.Deserialize<TrialResult>(JsonSerializer.Serialize(done))!;
        var failedBack = JsonSerializer.Deserialize<TrialResult>(JsonSerializer.Serialize(failed))!;

        Assert.True(doneBack.Succeeded);
        Assert.Equal(0.75, doneBack.Metrics!["task.a.accuracy"]);
        Assert.Equal(done.PerExampleScores, doneBack.PerExampleScores);
        Assert.Equal(("gpu-2", 1.5), (doneBack.Worker, doneBack.Seconds));
        Assert.False(failedBack.Succeeded);
        Assert.Equal("merge: shapes differ", failedBack.FailureReason);
        Assert.Null(failedBack.Metrics);
    }

    [Theory]
    [InlineData("cmaes", null)]
    [InlineData("m2n2", 6)]
    [InlineData("ga", 6)]
    public void Results_in_any_order_with_duplicates_give_the_same_run_as_in_process(string optimizer, int? population)
    {
        var config = Parse(_fixture.Config(optimizer, evaluations: 20, population: population));
        string reference = NewRunFolder();
        using (var run = SearchRun.Start(config, reference, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        string folder = NewRunFolder();
        using var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null);
        using var dispatcher = new ReorderingDispatcher(evaluator);
        using (var run = SearchRun.Start(config, folder, Fast with { Dispatcher = dispatcher }))
        {
            Assert.Equal(SearchEnd.Finished, run.Run().End);
            Assert.All(dispatcher.Requests, r => Assert.Equal((run.RunId, evaluator.ConfigHash, TrialSeeds.For(config.Seed, r.TrialId)), (r.RunId, r.ConfigHash, r.Seed)));
        }

        Assert.Equal(20, dispatcher.Requests.Count);
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    [Fact]
    public void A_generations_commit_overlaps_the_next_generations_evaluation_instead_of_delaying_its_hand_over()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 20));
        var log = new EventLog();
        string folder = NewRunFolder();
        using var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null);
        using var dispatcher = new LoggingDispatcher(evaluator, log);
        // Only the end of a generation commits (no interval elapses), so every flush seen is that commit.
        var options = new SearchRunOptions
        {
            CommitInterval = TimeSpan.FromHours(1), SnapshotInterval = TimeSpan.FromHours(1), CsvInterval = TimeSpan.FromHours(1),
            Dispatcher = dispatcher, Journal = new RunJournalOptions { DiskFlush = new LoggingDiskFlush(log) },
        };
        using (var run = SearchRun.Start(config, folder, options))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        var events = log.Events().ToList();
        var batches = events.Select((e, i) => (e, i)).Where(x => x.e.StartsWith("batch ", StringComparison.Ordinal)).Select(x => x.i).ToList();
        Assert.True(batches.Count >= 3, $"only {batches.Count} generations: {string.Join(", ", events)}");
        for (int g = 1; g < batches.Count; g++)
        {
            int lastResult = events.FindLastIndex(batches[g], e => e.StartsWith("result ", StringComparison.Ordinal));
            int nextBatch = g + 1 < batches.Count ? batches[g + 1] : events.Count;
            // Nothing flushes between generation g-1's last result and generation g's hand-over...
            Assert.DoesNotContain("flush", events.GetRange(lastResult, batches[g] - lastResult));
            // ...and g-1's outcomes are flushed while g is evaluated, before the next barrier.
            Assert.Contains("flush", events.GetRange(batches[g], nextBatch - batches[g]));
        }
        string reference = NewRunFolder();
        using (var run = SearchRun.Start(config, reference, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);
        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    [Fact]
    public void Building_the_next_candidate_while_one_is_scored_gives_the_same_run_as_in_process()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 20));
        string reference = NewRunFolder();
        using (var run = SearchRun.Start(config, reference, Fast))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        string folder = NewRunFolder();
        using var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null);
        using var dispatcher = new PipeliningDispatcher(evaluator);
        using (var run = SearchRun.Start(config, folder, Fast with { Dispatcher = dispatcher }))
            Assert.Equal(SearchEnd.Finished, run.Run().End);

        Assert.Equal(RunFiles.TrialsWithoutSeconds(reference), RunFiles.TrialsWithoutSeconds(folder));
    }

    [Fact]
    public void The_run_id_stays_the_same_across_resumes()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 20));
        string folder = NewRunFolder();
        string id;
        using (var run = SearchRun.Start(config, folder, Fast)) id = run.RunId;
        using (var run = SearchRun.Resume(folder, null, Fast)) Assert.Equal(id, run.RunId);

        using (var other = SearchRun.Start(config, NewRunFolder(), Fast)) Assert.NotEqual(id, other.RunId);
    }

    [Fact]
    public void A_batch_the_dispatcher_leaves_unanswered_stops_the_run()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 20));
        using var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null);
        using var dispatcher = new ReorderingDispatcher(evaluator, dropLast: true);
        using var run = SearchRun.Start(config, NewRunFolder(), Fast with { Dispatcher = dispatcher });

        var error = Assert.Throws<InvalidOperationException>(() => run.Run());

        Assert.Contains($"without a result for trial {dispatcher.Requests[0].TrialId}", error.Message);
    }

    [Fact]
    public void An_evaluator_refuses_a_request_made_for_another_config()
    {
        var config = Parse(_fixture.Config("cmaes", evaluations: 20));
        using var evaluator = TrialEvaluator.Open(config, Path.GetTempPath(), null);
        var genes = new double[evaluator.Space.GeneNames.Count];

        var error = Assert.Throws<ArgumentException>(() => evaluator.Evaluate(new TrialRequest("run-x", "sha256:other", 0, 0, genes, 1), null, CancellationToken.None));

        Assert.Contains("sha256:other", error.Message);
        Assert.True(evaluator.Evaluate(new TrialRequest("run-x", evaluator.ConfigHash, 0, 0, evaluator.Space.Initial(), 1), null, CancellationToken.None).Succeeded);
    }

    public void Dispose() => _fixture.Dispose();
}
