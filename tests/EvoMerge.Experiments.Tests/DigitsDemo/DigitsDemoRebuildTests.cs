using System.Diagnostics;
using EvoMerge.Experiments.DigitsDemo;

namespace EvoMerge.Experiments.Tests.DigitsDemo;

public sealed class DigitsDemoRebuildTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("digits-demo-rebuild-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Changed_options_or_a_damaged_file_rebuild_the_assets_and_leftovers_are_removed()
    {
        var folder = Path.Combine(_root, "assets");
        var small = new DigitsDemoOptions { Hidden = [16, 16], ExpertEpochs = 3, BaseEpochs = 1 };
        var first = DigitsDemoAssets.Prepare(folder, small);
        var firstBase = File.ReadAllBytes(Path.Combine(first.BaseModel, "model.safetensors"));

        // An interrupted earlier prepare, whose process is gone, left a staging folder behind.
        using var finished = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        finished.WaitForExit();
        Directory.CreateDirectory(Path.Combine(_root, $".assets.tmp-{finished.Id}-{Guid.NewGuid():N}"));
        var other = DigitsDemoAssets.Prepare(folder, small with { Seed = 8 });
        Assert.False(other.Reused);
        Assert.NotEqual(firstBase, File.ReadAllBytes(Path.Combine(other.BaseModel, "model.safetensors")));
        Assert.Equal(["assets"], Directory.EnumerateFileSystemEntries(_root).Select(Path.GetFileName));

        File.AppendAllText(other.TestAll, "0");
        Assert.False(DigitsDemoAssets.Prepare(folder, small with { Seed = 8 }).Reused);
        Assert.True(DigitsDemoAssets.Prepare(folder, small with { Seed = 8 }).Reused);
    }

    [Fact]
    public void The_same_options_give_the_same_files()
    {
        var small = new DigitsDemoOptions { Hidden = [16, 16], ExpertEpochs = 3, BaseEpochs = 1 };
        var a = DigitsDemoAssets.Prepare(Path.Combine(_root, "a"), small);
        var b = DigitsDemoAssets.Prepare(Path.Combine(_root, "b"), small);
        foreach (var relative in DigitsDemoAssetPaths.RelativeFiles)
            Assert.Equal(File.ReadAllBytes(Path.Combine(a.Folder, relative)), File.ReadAllBytes(Path.Combine(b.Folder, relative)));
    }
}
