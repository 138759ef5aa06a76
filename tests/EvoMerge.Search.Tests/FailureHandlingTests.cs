using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>Failing evaluations become failed trials with their reason; the optimizer is told and the run goes on.</summary>
public sealed class FailureHandlingTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    static SearchRunOptions Fast => new() { CommitInterval = TimeSpan.Zero, SnapshotInterval = TimeSpan.Zero };

    (SearchOutcome Outcome, RunState State) Run(string commandTask, long evaluations, string optimizer = "random")
    {
        var config = SearchConfigParser.ParseFile(
            _fixture.Config(optimizer, evaluations: evaluations, twoObjectives: optimizer == "random", extraTask: commandTask, population: 3),
            _fixture.Folder);
        using var run = SearchRun.Start(config, _fixture.PathOf("run-" + Guid.NewGuid().ToString("N")), Fast);
        var outcome = run.Run();
        return (outcome, run.Snapshot());
    }

    /// <summary>A command task running a shell script (written to the fixture folder) with the model folder as $1.</summary>
    string CommandTask(string script, string timeout = "30s", string role = "own")
    {
        string path = _fixture.PathOf($"eval-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, script + "\n");
        return $"  - {{name: ext, evaluator: command, command: \"sh {path} {{model}}\", metric: score, objective: {role}, timeout: {timeout}}}\n";
    }

    [Fact]
    public void A_command_that_fails_makes_failed_trials_and_the_run_finishes()
    {
        var (outcome, state) = Run(CommandTask("echo broken >&2; exit 3"), evaluations: 6);

        Assert.Equal(SearchEnd.Finished, outcome.End);
        Assert.Equal(6, outcome.Failed);
        Assert.True(outcome.EveryTrialFailed);
        Assert.Equal(6, outcome.MostCommonFailure!.Value.Count);
        Assert.Contains("broken", outcome.MostCommonFailure!.Value.Reason);
        Assert.All(state.Trials, t => Assert.Contains("task ext", t.Failure!.Reason));
        Assert.All(state.Trials, t => Assert.Contains("broken", t.Failure!.Reason));
    }

    [Fact]
    public void A_non_finite_metric_is_a_failed_trial()
    {
        var (outcome, state) = Run(CommandTask("echo '{\"score\": \"NaN\"}'"), evaluations: 3);

        Assert.Equal(3, outcome.Failed);
        Assert.All(state.Trials, t => Assert.Contains("score", t.Failure!.Reason));
    }

    [Fact]
    public void A_command_past_its_timeout_is_killed_and_fails_the_trial()
    {
        var (outcome, state) = Run(CommandTask("sleep 20", timeout: "1s"), evaluations: 3);

        Assert.Equal(3, outcome.Failed);
        Assert.All(state.Trials, t => Assert.Contains("timed out", t.Failure!.Reason, StringComparison.OrdinalIgnoreCase));
        Assert.All(state.Trials, t => Assert.True(t.Failure!.Seconds < 10));
    }

    [Fact]
    public void Completed_and_failed_trials_mix_and_failures_are_in_trials_csv()
    {
        // Fails when the first digit of the merged weights' checksum is odd: about half the trials, always the same ones.
        var (outcome, state) = Run(CommandTask("case $(cksum < $1/model.safetensors) in [13579]*) exit 1;; esac; echo '{\"score\": 0.5}'"), evaluations: 12);

        Assert.Equal(SearchEnd.Finished, outcome.End);
        Assert.Equal(12, outcome.Completed + outcome.Failed);
        Assert.True(outcome.Completed > 0 && outcome.Failed > 0, $"completed {outcome.Completed}, failed {outcome.Failed}");
        Assert.False(outcome.EveryTrialFailed);
        Assert.All(state.Trials.Where(t => t.Completion is not null), t => Assert.Equal(0.5, t.Completion!.Metrics["task.ext.score"]));
    }

    [Fact]
    public void CMA_ES_stops_cleanly_when_every_trial_fails()
    {
        var (outcome, _) = Run(CommandTask("exit 1", role: "weighted"), evaluations: 1000, optimizer: "cmaes");

        Assert.Equal(SearchEnd.Finished, outcome.End);
        Assert.Equal(0, outcome.Completed);
        Assert.Contains(outcome.Reasons, r => r.StartsWith("optimizer: cmaes stopped on allfailed: every candidate failed in 3 generations in a row; see the reason column of trials.csv", StringComparison.Ordinal));
    }

    public void Dispose() => _fixture.Dispose();
}
