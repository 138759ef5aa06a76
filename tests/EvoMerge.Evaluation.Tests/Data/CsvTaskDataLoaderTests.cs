using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.Data;

public sealed class CsvTaskDataLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Csv(string text) => DataFiles.Write(_folder.Path, "data.csv", text);

    private TaskDataException LoadError(string text, TaskDataOptions? options = null) =>
        Assert.Throws<TaskDataException>(() => CsvTaskDataLoader.Load(Csv(text), options));

    [Fact]
    public void Loads_the_fixture()
    {
        var data = Fixture.Data();

        Assert.Equal(Fixture.Rows, data.RowCount);
        Assert.Equal(Fixture.Features, data.FeatureCount);
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"f{i}"), data.FeatureNames);
        Assert.Equal(0.406870097f, data.Row(0)[0]);
        Assert.Equal(9.0, data.Labels[0]);
    }

    [Fact]
    public void Chosen_columns_in_the_invariant_culture_with_blank_lines_skipped()
    {
        var path = Csv("id,y,a,b\n7, 1 ,1.5e-3,-2\n\n8,0,\"3.25\",4\n");

        var data = CsvTaskDataLoader.Load(path, new TaskDataOptions { LabelColumn = "y", FeatureColumns = ["b", "a"] });

        Assert.Equal(["b", "a"], data.FeatureNames);
        Assert.Equal([-2f, 0.0015f, 4f, 3.25f], data.Features.ToArray());
        Assert.Equal([1.0, 0.0], data.Labels.ToArray());
    }

    [Fact]
    public void Every_column_but_the_label_is_a_feature_by_default()
    {
        var data = CsvTaskDataLoader.Load(Csv("a,label,b\n1,2,3\n"));

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal([1f, 3f], data.Features.ToArray());
    }

    [Theory]
    [InlineData("a,label\n1,0\n2x,1\n", "data.csv, line 3, column 'a' (1): '2x' is not a number.")]
    [InlineData("a,label\n\"1,5\",0\n", "line 2, column 'a' (1): '1,5' is not a number.")]
    [InlineData("a,label\n1,0\n,1\n", "line 3, column 'a' (1): is empty.")]
    [InlineData("a,label\n1,NaN\n", "line 2, column 'label' (2): 'NaN' is not finite.")]
    [InlineData("a,label\n1e39,0\n", "line 2, column 'a' (1): 1E+39 is outside the float32 range.")]
    [InlineData("a,label\n1,0\n1,0,5\n", "line 3: 3 fields, but the header has 2.")]
    [InlineData("a,b\n1,0\n", "line 1: no label column 'label'; the header has 'a', 'b'.")]
    [InlineData("a,a,label\n1,0,1\n", "line 1: column 'a' appears twice")]
    [InlineData("a,label\n", "the header is not followed by any data row")]
    [InlineData("", "the file is empty")]
    public void Errors_name_the_file_line_and_column(string text, string expected)
    {
        var error = LoadError(text);

        Assert.Contains(expected, error.Message);
        Assert.Contains(_folder.Path, error.Message);
    }

    [Fact]
    public void A_missing_feature_column_is_named()
    {
        var error = LoadError("a,label\n1,0\n", new TaskDataOptions { FeatureColumns = ["a", "z"] });

        Assert.Contains("no feature column 'z'", error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_fatal_evaluation_error()
    {
        var error = Assert.Throws<TaskDataException>(() => CsvTaskDataLoader.Load(_folder.Combine("absent.csv")));

        Assert.IsAssignableFrom<FatalEvaluationException>(error);
        Assert.Contains("absent.csv: data file not found", error.Message);
    }

    [Theory]
    [InlineData("data.csv")]
    [InlineData("data.jsonl")]
    public void The_loader_follows_the_extension(string name)
    {
        var data = TaskDataFiles.Load(Fixture.Path(name));

        Assert.Equal(Fixture.Data().Features.ToArray(), data.Features.ToArray());
        Assert.Equal(Fixture.Data().Labels.ToArray(), data.Labels.ToArray());
    }

    [Fact]
    public void An_unknown_extension_is_refused()
    {
        var error = Assert.Throws<TaskDataException>(() => TaskDataFiles.Load(_folder.Combine("rows.parquet")));

        Assert.Contains("use .csv or .jsonl", error.Message);
    }

    [Fact]
    public void Inconsistent_options_are_refused()
    {
        var path = Csv("a,label\n1,0\n");

        Assert.Throws<ArgumentException>(() => CsvTaskDataLoader.Load(path, new TaskDataOptions { FeatureColumns = ["a", "label"] }));
        Assert.Throws<ArgumentException>(() => CsvTaskDataLoader.Load(path, new TaskDataOptions { FeatureColumns = ["a", "a"] }));
        Assert.Throws<ArgumentException>(() => CsvTaskDataLoader.Load(path, new TaskDataOptions { FeatureColumns = [] }));
    }
}
