using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Cli.Tests;

/// <summary>`search --scratch DIR` and `resume --scratch DIR`: where command tasks write their candidates.</summary>
[Collection("console")]
public sealed class ScratchOptionTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    /// <summary>A config whose command task succeeds only when its model folder lies under <paramref name="expectedRoot"/>.</summary>
    string Config(string expectedRoot, long evaluations)
    {
        string script = _fixture.PathOf("where.sh");
        File.WriteAllText(script, $"case \"$1\" in '{expectedRoot}'/evomerge-eval-*/model) echo '{{\"score\": 1}}';; *) echo \"written to $1\" >&2; exit 3;; esac\n");
        string task = $"  - {{name: ext, evaluator: command, command: [sh, {script}, \"{{model}}\"], metric: score, objective: own}}\n";
        return _fixture.Config("random", evaluations: evaluations, twoObjectives: true, extraTask: task, population: 2);
    }

    [Fact]
    public void A_missing_scratch_folder_is_refused_before_the_run_folder_is_made()
    {
        string run = _fixture.PathOf("run");

        var result = CliRunner.Run(_fixture.Folder, "search", Config("x", 2), "--out", run, "--scratch", _fixture.PathOf("gone"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: --scratch: folder {_fixture.PathOf("gone")} not found", result.Err);
        Assert.DoesNotContain("   at ", result.Err);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Search_and_resume_write_candidates_under_the_given_folder()
    {
        string disk = _fixture.PathOf("big-disk");
        Directory.CreateDirectory(disk);
        string run = _fixture.PathOf("run");

        var searched = CliRunner.Run(_fixture.Folder, "search", Config(disk, 2), "--out", run, "--scratch", disk);
        Assert.True(searched.ExitCode == 0, searched.Err + searched.Out);

        string longer = Config(disk, 4);
        var resumed = CliRunner.Run(_fixture.Folder, "resume", run, "--config", longer, "--scratch", disk);
        Assert.True(resumed.ExitCode == 0, resumed.Err + resumed.Out);
        var trials = File.ReadAllLines(Path.Combine(run, "trials.csv"));
        Assert.Equal(4, trials.Length - 1);
        Assert.All(trials.Skip(1), row => Assert.Contains(",completed,", row));
        Assert.Empty(Directory.EnumerateFileSystemEntries(disk));
    }

    public void Dispose() => _fixture.Dispose();
}
