using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.Data;

public sealed class JsonlTaskDataLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Jsonl(string text) => DataFiles.Write(_folder.Path, "data.jsonl", text);

    [Fact]
    public void Loads_the_same_rows_as_the_csv_fixture()
    {
        var jsonl = JsonlTaskDataLoader.Load(Fixture.Path("data.jsonl"));
        var csv = Fixture.Data();

        Assert.Equal(csv.Features.ToArray(), jsonl.Features.ToArray());
        Assert.Equal(csv.Labels.ToArray(), jsonl.Labels.ToArray());
        Assert.Equal("inputs[63]", jsonl.FeatureNames[63]);
    }

    [Fact]
    public void Named_feature_fields_and_a_renamed_label()
    {
        var path = Jsonl("{\"x\": 1.5, \"y\": -2, \"target\": 3}\n\n{\"y\": 4, \"x\": 0.25, \"target\": 0, \"note\": \"ignored\"}\n");

        var data = JsonlTaskDataLoader.Load(path, new TaskDataOptions { FeatureColumns = ["x", "y"], LabelColumn = "target" });

        Assert.Equal([1.5f, -2f, 0.25f, 4f], data.Features.ToArray());
        Assert.Equal([3.0, 0.0], data.Labels.ToArray());
        Assert.Equal([0, 1], data.SourceRows);
    }

    [Theory]
    [InlineData("{\"inputs\": [1], \"label\": 0}\n{\"inputs\": [1,}\n", "data.jsonl, line 2: not valid JSON")]
    [InlineData("[1, 2]\n", "line 1: expected a JSON object, found Array")]
    [InlineData("{\"inputs\": [1]}\n", "line 1, field 'label': missing")]
    [InlineData("{\"inputs\": [1, \"2\"], \"label\": 0}\n", "line 1, field 'inputs[1]': expected a finite number, found \"2\"")]
    [InlineData("{\"inputs\": [], \"label\": 0}\n", "line 1, field 'inputs': expected a non-empty array")]
    [InlineData("{\"inputs\": [1], \"label\": \"cat\"}\n", "line 1, field 'label': expected a finite number, found \"cat\"")]
    [InlineData("{\"inputs\": [1, 2], \"label\": 0}\n{\"inputs\": [1], \"label\": 0}\n", "line 2, field 'inputs': 1 values, earlier lines have 2")]
    [InlineData("{\"inputs\": [1e300], \"label\": 0}\n", "line 1, field 'inputs[0]': 1E+300 is outside the float32 range")]
    [InlineData("\n\n", "the file has no data lines")]
    public void Errors_name_the_file_line_and_field(string text, string expected)
    {
        var error = Assert.Throws<TaskDataException>(() => JsonlTaskDataLoader.Load(Jsonl(text)));

        Assert.Contains(expected, error.Message);
    }
}
