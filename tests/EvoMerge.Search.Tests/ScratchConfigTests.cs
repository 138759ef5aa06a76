using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;
using EvoMerge.Search.Tests.Support;

namespace EvoMerge.Search.Tests;

/// <summary>The <c>scratch:</c> folder of command tasks: validation, the resolved config, and who wins.</summary>
public sealed class ScratchConfigTests : IDisposable
{
    readonly TinySearchFixture _fixture = new();

    /// <summary>A config whose command task succeeds only when its model folder lies under <paramref name="expectedRoot"/>.</summary>
    string ConfigWithScratch(string? scratchLine, string expectedRoot)
    {
        string script = _fixture.PathOf($"where-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, $"case \"$1\" in '{expectedRoot}'/evomerge-eval-*/model) echo '{{\"score\": 1}}';; *) echo \"written to $1\" >&2; exit 3;; esac\n");
        string task = $"  - {{name: ext, evaluator: command, command: [sh, {script}, \"{{model}}\"], metric: score, objective: own}}\n";
        string path = _fixture.Config("random", evaluations: 2, twoObjectives: true, extraTask: task, population: 2);
        if (scratchLine is not null) File.WriteAllText(path, scratchLine + "\n" + File.ReadAllText(path));
        return path;
    }

    SearchConfig Parse(string path) => SearchConfigParser.ParseFile(path, _fixture.Folder);

    [Fact]
    public void A_missing_folder_or_a_file_is_refused_with_the_field()
    {
        File.WriteAllText(_fixture.PathOf("a-file"), "");

        var missing = Assert.Throws<SearchConfigException>(() => Parse(ConfigWithScratch("scratch: no-such-dir", "x")));
        var file = Assert.Throws<SearchConfigException>(() => Parse(ConfigWithScratch("scratch: a-file", "x")));

        Assert.Contains(missing.Problems, p => p.StartsWith($"scratch: folder {_fixture.PathOf("no-such-dir")} not found", StringComparison.Ordinal));
        Assert.Contains(file.Problems, p => p.StartsWith($"scratch: {_fixture.PathOf("a-file")} is a file", StringComparison.Ordinal));
    }

    [Fact]
    public void The_folder_resolves_against_the_working_directory_is_written_back_and_is_not_part_of_the_experiment()
    {
        Directory.CreateDirectory(_fixture.PathOf("big-disk"));
        string path = ConfigWithScratch("scratch: big-disk", _fixture.PathOf("big-disk"));
        var config = Parse(path);

        Assert.Equal(_fixture.PathOf("big-disk"), config.Scratch);
        var reread = SearchConfigParser.Parse(SearchConfigWriter.ToYaml(config), _fixture.Folder, "config.yml", "tiny");
        Assert.Equal(config.Scratch, reread.Scratch);
        Assert.Equal(SearchConfigWriter.SearchHash(config with { Scratch = null }), SearchConfigWriter.SearchHash(config));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_fixture.PathOf("big-disk")));
    }

    [Fact]
    public void Command_tasks_write_their_candidates_under_the_configured_folder()
    {
        Directory.CreateDirectory(_fixture.PathOf("big-disk"));
        var config = Parse(ConfigWithScratch("scratch: big-disk", _fixture.PathOf("big-disk")));
        using var run = SearchRun.Start(config, _fixture.PathOf("run"), new SearchRunOptions { CommitInterval = TimeSpan.Zero });

        run.Run();

        Assert.All(run.Snapshot().Trials, t => Assert.Equal(1.0, t.Completion!.Metrics["task.ext.score"]));
        Assert.Equal(_fixture.PathOf("big-disk"), run.ScratchRoot);
    }

    [Fact]
    public void The_command_line_folder_wins_over_the_config()
    {
        Directory.CreateDirectory(_fixture.PathOf("big-disk"));
        Directory.CreateDirectory(_fixture.PathOf("bigger-disk"));
        var config = Parse(ConfigWithScratch("scratch: big-disk", _fixture.PathOf("bigger-disk")));
        var options = new SearchRunOptions { CommitInterval = TimeSpan.Zero, ScratchRoot = _fixture.PathOf("bigger-disk") };
        using var run = SearchRun.Start(config, _fixture.PathOf("run"), options);

        run.Run();

        Assert.All(run.Snapshot().Trials, t => Assert.Equal(1.0, t.Completion!.Metrics["task.ext.score"]));
    }

    [Fact]
    public void Without_either_the_system_temp_folder_is_used()
    {
        var config = Parse(ConfigWithScratch(null, Path.TrimEndingDirectorySeparator(Path.GetTempPath())));
        using var run = SearchRun.Start(config, _fixture.PathOf("run"), new SearchRunOptions { CommitInterval = TimeSpan.Zero });

        run.Run();

        Assert.Null(config.Scratch);
        Assert.All(run.Snapshot().Trials, t => Assert.Equal(1.0, t.Completion!.Metrics["task.ext.score"]));
    }

    public void Dispose() => _fixture.Dispose();
}
