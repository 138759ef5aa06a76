using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.Data;

public sealed class RowSelectionTests
{
    private static TaskData Rows(int count) =>
        new("rows.csv", ["x"], Enumerable.Range(0, count).Select(i => (float)i).ToArray(), Enumerable.Range(0, count).Select(i => i % 3.0).ToArray());

    [Fact]
    public void A_range_keeps_its_rows_features_and_labels()
    {
        var data = Rows(10).Select(RowRange.Parse("2-4"));

        Assert.Equal([2f, 3f, 4f], data.Features.ToArray());
        Assert.Equal([2.0, 0.0, 1.0], data.Labels.ToArray());
        Assert.Equal([2, 3, 4], data.SourceRows);
        Assert.Equal("rows.csv [rows 2-4]", data.Source);
    }

    [Theory]
    [InlineData("0-1149", 0, 1149)]
    [InlineData(" 5 - 5 ", 5, 5)]
    public void Ranges_parse(string text, int first, int last)
    {
        Assert.Equal(new RowRange(first, last), RowRange.Parse(text));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("-1-3")]
    [InlineData("a-b")]
    [InlineData("1-2-3")]
    public void Malformed_ranges_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => RowRange.Parse(text));
    }

    [Fact]
    public void A_backwards_range_is_refused() => Assert.Throws<ArgumentException>(() => new RowRange(5, 4));

    [Fact]
    public void A_range_past_the_end_is_a_data_error()
    {
        var error = Assert.Throws<TaskDataException>(() => Rows(10).Select(new RowRange(0, 10)));

        Assert.Contains("rows 0-10 reaches past the last row (10 rows, 0-9)", error.Message);
    }

    [Fact]
    public void The_two_parts_of_a_split_are_disjoint_and_cover_every_row()
    {
        var data = Rows(50);
        var validation = data.Select(new RandomSplit(0.2, 42, SplitPart.Fraction));
        var rest = data.Select(new RandomSplit(0.2, 42, SplitPart.Rest));

        Assert.Equal(10, validation.RowCount);
        Assert.Empty(validation.SourceRows.Intersect(rest.SourceRows));
        Assert.Equal(Enumerable.Range(0, 50), validation.SourceRows.Concat(rest.SourceRows).Order());
        Assert.Equal(validation.SourceRows.Order(), validation.SourceRows);
        Assert.Equal(validation.SourceRows.Select(r => (float)r), validation.Features.ToArray());
    }

    [Fact]
    public void A_split_depends_on_its_seed_only()
    {
        var data = Rows(50);

        var first = data.Select(new RandomSplit(0.3, 7, SplitPart.Fraction)).SourceRows;
        var again = data.Select(new RandomSplit(0.3, 7, SplitPart.Fraction)).SourceRows;
        var other = data.Select(new RandomSplit(0.3, 8, SplitPart.Fraction)).SourceRows;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Selections_compose_and_keep_file_row_numbers()
    {
        var data = Fixture.Data().Select(RowRange.Parse("10-29")).Select(new RandomSplit(0.25, 1, SplitPart.Fraction));

        Assert.Equal(5, data.RowCount);
        Assert.All(data.SourceRows, r => Assert.InRange(r, 10, 29));
        Assert.Equal(Fixture.Data().Row(data.SourceRows[0]).ToArray(), data.Row(0).ToArray());
    }

    [Fact]
    public void A_split_that_leaves_no_rows_is_a_data_error()
    {
        var error = Assert.Throws<TaskDataException>(() => Rows(3).Select(new RandomSplit(0.1, 1, SplitPart.Fraction)));

        Assert.Contains("leaves no rows", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Fractions_outside_zero_one_are_refused(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RandomSplit(fraction, 1, SplitPart.Fraction));
    }
}
