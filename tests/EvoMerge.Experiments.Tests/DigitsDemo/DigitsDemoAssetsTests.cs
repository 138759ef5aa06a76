using EvoMerge.Evaluation.Data;
using EvoMerge.Experiments.DigitsDemo;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Experiments.Tests.DigitsDemo;

public class DigitsDemoAssetsTests(PreparedAssets prepared) : IClassFixture<PreparedAssets>
{
    [Fact]
    public void Writes_three_checkpoints_and_five_data_files()
    {
        var paths = prepared.Paths;
        Assert.False(paths.Reused);
        foreach (var relative in DigitsDemoAssetPaths.RelativeFiles)
            Assert.True(File.Exists(Path.Combine(paths.Folder, relative)), relative);
        Assert.True(File.Exists(paths.Manifest));
        foreach (var model in new[] { paths.BaseModel, paths.ExpertLow, paths.ExpertHigh })
        {
            var (architecture, parameters) = MlpCheckpoint.Read(model);
            Assert.Equal(new MlpArchitecture(64, [64, 64], 10), architecture);
            Assert.Equal(3, architecture.LayerCount);
            Assert.All(parameters, p => Assert.True(double.IsFinite(p)));
        }
        Assert.Empty(Directory.EnumerateDirectories(prepared.Root, ".assets.*"));
    }

    [Fact]
    public void Data_files_split_the_digits_by_label_without_overlap()
    {
        var paths = prepared.Paths;
        var header = File.ReadLines(paths.TestAll).First();
        Assert.Equal(string.Join(",", Enumerable.Range(0, 64).Select(i => $"f{i}")) + ",label", header);
        var validationLow = TaskDataFiles.Load(paths.ValidationLow);
        var validationHigh = TaskDataFiles.Load(paths.ValidationHigh);
        var testLow = TaskDataFiles.Load(paths.TestLow);
        var testHigh = TaskDataFiles.Load(paths.TestHigh);
        var testAll = TaskDataFiles.Load(paths.TestAll);
        Assert.All(validationLow.Labels.ToArray().Concat(testLow.Labels.ToArray()), l => Assert.InRange(l, 0, 4));
        Assert.All(validationHigh.Labels.ToArray().Concat(testHigh.Labels.ToArray()), l => Assert.InRange(l, 5, 9));
        Assert.Equal(testAll.RowCount, testLow.RowCount + testHigh.RowCount);
        // About 20% of the 1797 rows each; the rest trains.
        Assert.InRange(testAll.RowCount, 340, 380);
        Assert.InRange(validationLow.RowCount + validationHigh.RowCount, 340, 380);
        var test = Rows(testAll);
        Assert.Empty(Rows(validationLow).Intersect(test));
        Assert.Empty(Rows(validationHigh).Intersect(test));
    }

    [Fact]
    public void A_second_prepare_with_the_same_options_reuses_the_files()
    {
        var before = File.GetLastWriteTimeUtc(prepared.Paths.Manifest);
        var again = DigitsDemoAssets.Prepare(prepared.Paths.Folder, new DigitsDemoOptions());
        Assert.True(again.Reused);
        Assert.Equal(prepared.Paths with { Reused = true }, again);
        Assert.Equal(before, File.GetLastWriteTimeUtc(prepared.Paths.Manifest));
    }

    [Fact]
    public void A_folder_that_is_not_demo_assets_is_left_alone()
    {
        var folder = Path.Combine(prepared.Root, "other");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        var error = Assert.Throws<IOException>(() => DigitsDemoAssets.Prepare(folder, new DigitsDemoOptions()));
        Assert.Contains("not a digits demo assets folder", error.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "notes.txt")));
    }

    [Fact]
    public void Invalid_options_are_refused_before_anything_is_written()
    {
        var folder = Path.Combine(prepared.Root, "never");
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitsDemoAssets.Prepare(folder, new DigitsDemoOptions { ValidationFraction = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitsDemoAssets.Prepare(folder, new DigitsDemoOptions { TestFraction = 0.9 }));
        Assert.Throws<ArgumentException>(() => DigitsDemoAssets.Prepare(folder, new DigitsDemoOptions { Hidden = [0] }));
        Assert.False(Directory.Exists(folder));
    }

    static HashSet<string> Rows(TaskData data) =>
        Enumerable.Range(0, data.RowCount).Select(r => string.Join(",", data.Row(r).ToArray()) + "|" + data.Labels[r]).ToHashSet();
}
