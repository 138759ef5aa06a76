using EvoMerge.Cli.Terminal;
using EvoMerge.Search.Running;

namespace EvoMerge.Cli.Tests;

/// <summary>What `search` and `resume` print: no early ETA, timings only with --verbose, a finished run called finished.</summary>
[Collection("console")]
public sealed class SearchConsoleTests : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    string DemoConfig(int evaluations)
    {
        string yaml = DemoDigitsConfig.Prepare(_temp, evaluations).Yaml;
        string path = _temp.Combine("search.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    static SearchProgress Progress(bool replaying) =>
        new(3, 40, 0, 400, [("weighted_sum", 0.9)], TimeSpan.FromSeconds(2), 0.5, TimeSpan.FromSeconds(103), replaying);

    [Fact]
    public void No_eta_is_shown_during_the_warm_up_or_a_replay()
    {
        Assert.DoesNotContain("ETA", SearchProgressDisplay.Describe(Progress(replaying: false), TimeSpan.FromSeconds(2)));
        Assert.DoesNotContain("ETA", SearchProgressDisplay.Describe(Progress(replaying: true), TimeSpan.FromMinutes(5)));
        Assert.Contains("ETA 1:43", SearchProgressDisplay.Describe(Progress(replaying: false), SearchProgressDisplay.EtaWarmUp));
    }

    [Fact]
    public void Timings_only_with_verbose_and_a_finished_run_is_not_replayed_on_resume()
    {
        string config = DemoConfig(evaluations: 27);
        string quiet = _temp.Combine("quiet");
        var first = CliRunner.Run(_temp.Path, "search", config, "--out", quiet);
        Assert.True(first.ExitCode == 0, first.Err + first.Out);
        Assert.DoesNotContain("timing:", first.Err);

        var verbose = CliRunner.Run(_temp.Path, "search", config, "--out", _temp.Combine("verbose"), "--verbose");
        Assert.True(verbose.ExitCode == 0, verbose.Err + verbose.Out);
        Assert.Contains("timing: evaluate ", verbose.Err);

        var again = CliRunner.Run(_temp.Path, "resume", quiet);
        Assert.True(again.ExitCode == 0, again.Err + again.Out);
        Assert.Contains("The run is already complete (27 trials; stopped by budget: 27 evaluations (of 27)); nothing to run.", again.Out);
        Assert.Contains($"./run.sh resume {quiet} --config FILE with budget.evaluations above 27", again.Out);
        Assert.DoesNotContain("replaying", again.Out);
        Assert.EndsWith(quiet, again.Out.TrimEnd());
    }
}
