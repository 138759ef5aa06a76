using System.Diagnostics;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Output;
using EvoMerge.Merging.Samples;

namespace EvoMerge.Cli.Tests;

/// <summary>What `merge` may write and replace: never its inputs or folders around them, only previous outputs, one merge at a time.</summary>
[Collection("console")]
public class MergeOutputSafetyTests : IDisposable
{
    readonly TempFolder _tmp = new();

    public MergeOutputSafetyTests()
    {
        TinyLlamaCheckpoints.Write(_tmp.Combine("a"), new TinyLlamaShape(), 1, 2);
        TinyLlamaCheckpoints.Write(_tmp.Combine("b"), new TinyLlamaShape(), 1, 3);
        File.WriteAllText(_tmp.Combine("m.yml"), "merge_method: linear\nmodels:\n  - model: a\n    parameters: {weight: 0.5}\n  - model: b\n    parameters: {weight: 0.5}\n");
    }

    public void Dispose() => _tmp.Dispose();

    CliRunner.Result Merge(params string[] extra) => CliRunner.Run(_tmp.Path, ["merge", "m.yml", .. extra]);

    void AssertInputsIntact()
    {
        Assert.True(File.Exists(_tmp.Combine("a/model.safetensors")));
        Assert.True(File.Exists(_tmp.Combine("b/model.safetensors")));
        Assert.True(File.Exists(_tmp.Combine("m.yml")));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a/inner")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("/")]
    public void Out_dir_overlapping_inputs_or_working_directory_is_refused_even_with_overwrite(string outDir)
    {
        var r = Merge(outDir, "--overwrite");
        Assert.Equal(2, r.ExitCode);
        CliRunner.AssertErr(r, "choose");
        AssertInputsIntact();
        Assert.False(Directory.Exists(_tmp.Combine("a/inner")));
    }

    [Fact]
    public void Out_dir_holding_home_is_refused()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var r = Merge(Path.GetDirectoryName(home)!, "--overwrite");
        Assert.Equal(2, r.ExitCode);
        CliRunner.AssertErr(r, "home folder");
    }

    [Fact]
    public void Overwrite_replaces_only_a_previous_evomerge_output()
    {
        Directory.CreateDirectory(_tmp.Combine("out"));
        File.WriteAllText(_tmp.Combine("out/keep.txt"), "precious");
        var refused = Merge("out", "--overwrite");
        Assert.Equal(2, refused.ExitCode);
        CliRunner.AssertErr(refused, "previous EvoMerge output");
        CliRunner.AssertErr(refused, "keep.txt");
        Assert.Equal("precious", File.ReadAllText(_tmp.Combine("out/keep.txt")));

        Assert.Equal(0, Merge("merged").ExitCode);
        var again = Merge("merged", "--overwrite");
        Assert.True(again.ExitCode == 0, again.Err);
        Assert.True(File.Exists(_tmp.Combine("merged/model.safetensors")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_tmp.Path), e => Path.GetFileName(e).StartsWith('.'));
    }

    [Fact]
    public void Symlinked_out_dir_is_written_through()
    {
        Directory.CreateDirectory(_tmp.Combine("real"));
        Directory.CreateSymbolicLink(_tmp.Combine("link"), _tmp.Combine("real"));
        var first = Merge("link");
        Assert.True(first.ExitCode == 0, first.Err);
        var second = Merge("link", "--overwrite");
        Assert.True(second.ExitCode == 0, second.Err);
        Assert.NotNull(new DirectoryInfo(_tmp.Combine("link")).LinkTarget);
        Assert.True(File.Exists(_tmp.Combine("real/model.safetensors")));
        Assert.Equal(_tmp.Combine("link"), second.Out.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void Second_merge_into_a_folder_being_written_fails()
    {
        string target = _tmp.Combine("out");
        using (OutputLock.Acquire(target, target))
        {
            var r = Merge("out");
            Assert.Equal(2, r.ExitCode);
            CliRunner.AssertErr(r, "another merge is writing this output folder");
            Assert.False(Directory.Exists(target));
        }
        Assert.Equal(0, Merge("out").ExitCode);
        Assert.False(File.Exists(_tmp.Combine(".out.evomerge-lock")));
    }

    [Fact]
    public void Leftovers_of_dead_merges_are_removed_and_live_ones_kept()
    {
        using var finished = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        finished.WaitForExit();
        string dead = _tmp.Combine($".out.tmp-{finished.Id}-{Guid.NewGuid():N}");
        string live = _tmp.Combine($".out.tmp-1-{Guid.NewGuid():N}");
        string otherOutput = _tmp.Combine($".other.tmp-{finished.Id}-{Guid.NewGuid():N}");
        foreach (var folder in new[] { dead, live, otherOutput })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "model.safetensors.tmp"), "partial");
        }
        var r = Merge("out");
        Assert.True(r.ExitCode == 0, r.Err);
        CliRunner.AssertErr(r, "note: removed " + dead);
        Assert.False(Directory.Exists(dead));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(otherOutput));
    }

    [Fact]
    public void Cancelled_merge_removes_its_unfinished_output_and_says_so()
    {
        var config = MergeConfigParser.ParseFile(_tmp.Combine("m.yml"), _tmp.Path);
        var plan = MergeJob.Prepare(config, _tmp.Combine("out"), new MergeJobOptions());
        using var cancel = new CancellationTokenSource();
        var progress = new Progress(cancel);
        var e = Assert.ThrowsAny<OperationCanceledException>(() => MergeJob.Run(plan, _tmp.Combine("out"), new MergeJobOptions(), progress, cancel.Token));
        Assert.Contains("removed the unfinished output", e.Message);
        Assert.False(Directory.Exists(_tmp.Combine("out")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_tmp.Path), entry => Path.GetFileName(entry).StartsWith('.'));
    }

    /// <summary>Cancels after the first tensor, as Ctrl-C during a merge would.</summary>
    sealed class Progress(CancellationTokenSource cancel) : IProgress<EvoMerge.Merging.Execution.MergeProgress>
    {
        public void Report(EvoMerge.Merging.Execution.MergeProgress value) => cancel.Cancel();
    }
}
