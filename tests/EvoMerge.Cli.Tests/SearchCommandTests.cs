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

    public void Dispose() => _fixture.Dispose();
}
