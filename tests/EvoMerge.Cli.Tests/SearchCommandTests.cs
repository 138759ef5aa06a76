using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Cli.Tests;

/// <summary>`search` and `resume` exit codes and messages on the tiny seeded problem.</summary>
[Collection("console")]
public sealed class SearchCommandTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    string FailingCommandTask()
    {
        string script = _fixture.PathOf("eval.sh");
        File.WriteAllText(script, "echo 'scorer crashed' >&2\nexit 3\n");
        return $"  - {{name: ext, evaluator: command, command: \"sh {script} {{model}}\", metric: score, objective: own, timeout: 30s}}\n";
    }

    [Fact]
    public void A_search_in_which_every_trial_failed_exits_non_zero_with_the_most_common_reason()
    {
        string run = _fixture.PathOf("run");
        string config = _fixture.Config("random", evaluations: 4, twoObjectives: true, extraTask: FailingCommandTask(), population: 4);

        var result = CliRunner.Run(_fixture.Folder, "search", config, "--out", run);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("every trial failed (4); the most common reason (4 of them):", result.Err);
        Assert.Contains("scorer crashed", result.Err);
        Assert.Equal(run, result.Out.Trim().Split('\n')[^1]);
    }

    static void AssertClearError(CliRunner.Result result, string message)
    {
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Err);
        Assert.DoesNotContain("internal error", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public void Half_created_runs_and_a_folder_named_lock_get_clear_messages_and_search_reuses_a_half_created_folder()
    {
        string config = _fixture.Config("random", evaluations: 3, twoObjectives: true, population: 3);
        string run = _fixture.PathOf("run");
        Directory.CreateDirectory(run);
        // A creation that ran out of disk: the lock, the config and a 0-byte journal.
        File.WriteAllText(Path.Combine(run, ".lock"), "");
        File.WriteAllText(Path.Combine(run, "config.yml"), File.ReadAllText(config));
        File.WriteAllBytes(Path.Combine(run, "journal.jsonl"), []);

        AssertClearError(CliRunner.Run(_fixture.Folder, "resume", run), "holds no started run");
        AssertClearError(CliRunner.Run(_fixture.Folder, "export", run, "--trial", "0", _fixture.PathOf("out")), "never fully created");

        var started = CliRunner.Run(_fixture.Folder, "search", config, "--out", run);
        Assert.True(started.ExitCode == 0, started.Err + started.Out);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "trials.csv")).Length - 1);

        string locked = _fixture.PathOf("locked");
        Assert.Equal(0, CliRunner.Run(_fixture.Folder, "search", config, "--out", locked).ExitCode);
        File.Delete(Path.Combine(locked, ".lock"));
        Directory.CreateDirectory(Path.Combine(locked, ".lock"));
        AssertClearError(CliRunner.Run(_fixture.Folder, "resume", locked), ".lock' is a folder");
    }

    public void Dispose() => _fixture.Dispose();
}
