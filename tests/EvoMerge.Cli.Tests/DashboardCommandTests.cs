using System.Text.Json.Nodes;
using EvoMerge.Cli.Terminal;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;

namespace EvoMerge.Cli.Tests;

[Collection("console")]
public sealed class DashboardCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A small finished two-objective run written as the run loop writes it (no config: recipes are unavailable).</summary>
    private string SmallRun()
    {
        string folder = _temp.Combine("run");
        var schema = new RunSchema(["layers_0-0.a.weight"], [], [new ObjectiveInfo("acc", true), new ObjectiveInfo("size", false)]);
        using var run = RunFolder.Create(folder, "name: t\n", new RunCreated("sha256:feed", 1, DateTimeOffset.UnixEpoch, new JsonObject { [RunSchema.ExtraKey] = schema.ToJson() }));
        run.Journal.Append(new BatchAsked(0, Enumerable.Range(0, 6).Select(i => new Candidate(i, [i / 6.0])).ToList()));
        for (int i = 0; i < 6; i++) run.Journal.Append(new TrialCompleted(i, 0, [i / 6.0, i * i / 36.0], new Dictionary<string, double>(), null, 0.1));
        run.Journal.Append(new RunFinished(["budget reached"]));
        return folder;
    }

    [Fact]
    public void Report_also_writes_the_self_contained_page()
    {
        string run = SmallRun();
        var r = CliRunner.Run(_temp.Path, "report", run);
        Assert.True(r.ExitCode == ExitCodes.Success, r.Err);
        string page = Path.Combine(run, "report", "index.html");
        Assert.Contains(page, r.Out);
        Assert.Contains("evomerge-data", File.ReadAllText(page));
    }

    [Fact]
    public void Listening_beyond_loopback_without_a_token_is_refused_with_the_fix()
    {
        var r = CliRunner.Run(_temp.Path, "dashboard", SmallRun(), "--host", "0.0.0.0", "--port", "0");
        Assert.Equal(ExitCodes.InvalidInput, r.ExitCode);
        Assert.Contains("--token", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void A_folder_that_is_not_a_run_is_refused_naming_it()
    {
        string empty = _temp.Combine("empty");
        Directory.CreateDirectory(empty);
        var r = CliRunner.Run(_temp.Path, "dashboard", empty, "--port", "0");
        Assert.NotEqual(ExitCodes.Success, r.ExitCode);
        Assert.Contains(empty, r.Err);
        Assert.Contains("journal.jsonl", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
