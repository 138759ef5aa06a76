using System.Text.Json.Nodes;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Cli.Tests;

/// <summary>`export RUN_DIR (--trial N | --best OBJECTIVE | --best balanced) OUT_DIR [--overwrite]` on a finished two-objective run.</summary>
[Collection("console")]
public sealed class ExportCommandTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    string FinishedRun()
    {
        string run = _fixture.PathOf("run");
        var result = CliRunner.Run(_fixture.Folder, "search", _fixture.Config("nsga2", evaluations: 12, twoObjectives: true, population: 6), "--out", run);
        Assert.True(result.ExitCode == 0, result.Err + result.Out);
        return run;
    }

    [Fact]
    public void Best_balanced_exports_the_balanced_trial_with_the_classifiers_architecture()
    {
        string run = FinishedRun();
        long balanced = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "best", "balanced", "trial.json")))!["trial"]!.GetValue<long>();
        string outDir = _fixture.PathOf("exported");

        var result = CliRunner.Run(_fixture.Folder, "export", run, "--best", "balanced", outDir);

        Assert.True(result.ExitCode == 0, result.Err + result.Out);
        Assert.Contains($"Exported trial {balanced}:", result.Out);
        Assert.True(File.Exists(Path.Combine(outDir, "model.safetensors")));
        Assert.Equal(File.ReadAllText(_fixture.PathOf("models/base/architecture.json")), File.ReadAllText(Path.Combine(outDir, "architecture.json")));
        Assert.Empty(Directory.GetDirectories(_fixture.Folder, ".exported.export-*"));
    }

    [Fact]
    public void Overwrite_replaces_a_previous_export_but_never_another_folder()
    {
        string run = FinishedRun();
        string outDir = _fixture.PathOf("exported");
        Assert.Equal(0, CliRunner.Run(_fixture.Folder, "export", run, "--trial", "0", outDir).ExitCode);

        var refused = CliRunner.Run(_fixture.Folder, "export", run, "--trial", "1", outDir);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--overwrite", refused.Err);
        var replaced = CliRunner.Run(_fixture.Folder, "export", run, "--best", "a", outDir, "--overwrite");
        Assert.True(replaced.ExitCode == 0, replaced.Err);

        string other = _fixture.PathOf("my-notes");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "notes.txt"), "keep me");
        var kept = CliRunner.Run(_fixture.Folder, "export", run, "--trial", "0", other, "--overwrite");
        Assert.NotEqual(0, kept.ExitCode);
        Assert.Contains("holds no previous export", kept.Err);
        Assert.Equal(["notes.txt"], Directory.GetFiles(other).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(new string[0], "--trial N, --best OBJECTIVE or --best balanced")]
    [InlineData(new[] { "--best", "speed" }, "choose one of: a, b, balanced")]
    public void A_missing_or_unknown_choice_is_a_one_line_error(string[] choice, string message)
    {
        string run = FinishedRun();

        var result = CliRunner.Run(_fixture.Folder, ["export", run, .. choice, _fixture.PathOf("out")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Err);
        Assert.DoesNotContain("Usage", result.Err + result.Out);
        Assert.Single(result.Err.Trim().Split('\n'));
        Assert.False(Directory.Exists(_fixture.PathOf("out")));
    }

    public void Dispose() => _fixture.Dispose();
}
