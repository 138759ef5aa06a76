using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.Data;

/// <summary>Messages that quote a data file's content show control bytes as escapes and cut long text.</summary>
public sealed class QuotedFileContentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private TaskDataException CsvError(string text, TaskDataOptions? options = null) =>
        Assert.Throws<TaskDataException>(() => CsvTaskDataLoader.Load(DataFiles.Write(_folder.Path, "data.csv", text), options));

    private static void AssertNoRawControlCharacters(string message) =>
        Assert.DoesNotContain(message, c => char.IsControl(c) || c == '\uFFFD');

    [Fact]
    public void A_binary_header_is_called_binary_and_shown_escaped()
    {
        var path = _folder.Combine("model.csv");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x1B, 0x5B, 0x32, 0x4A, 0xFF, 0xFE, 0x0A, 0x31, 0x0A]);

        var error = Assert.Throws<TaskDataException>(() => CsvTaskDataLoader.Load(path));

        AssertNoRawControlCharacters(error.Message);
        Assert.Contains("does not look like a text CSV file", error.Message);
        Assert.Contains(@"'PK\x03\x04\x00\x1B[2J\uFFFD\uFFFD'", error.Message);
    }

    [Fact]
    public void Control_characters_in_a_cell_are_escaped()
    {
        var error = CsvError("a,label\n\"1\t\u0007\",0\n");

        AssertNoRawControlCharacters(error.Message);
        Assert.Contains(@"column 'a' (1): '1\t\x07' is not a number.", error.Message);
    }

    [Fact]
    public void A_long_cell_is_abbreviated_with_the_count_left_out()
    {
        var error = CsvError($"a,label\n{new string('x', 1000)},0\n");

        Assert.Contains($"'{new string('x', MaxQuotedChars)}... ({1000 - MaxQuotedChars} more characters)' is not a number", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Fact]
    public void A_wide_header_is_listed_in_part_with_a_count()
    {
        var header = string.Join(",", Enumerable.Range(0, 100).Select(i => $"c{i}"));

        var error = CsvError($"{header}\n{string.Join(",", Enumerable.Repeat("0", 100))}\n");

        Assert.Contains("no label column 'label'; the header has 'c0', 'c1',", error.Message);
        Assert.Contains("'c11' and 88 more.", error.Message);
        Assert.DoesNotContain("'c12'", error.Message);
    }

    [Fact]
    public void An_invisible_character_in_a_column_name_is_escaped_in_a_duplicate_error()
    {
        var error = CsvError("a\u200b,a\u200b,label\n1,2,0\n");

        Assert.DoesNotContain("\u200b", error.Message);
        Assert.Contains(@"column 'a\u200B' appears twice", error.Message);
    }

    [Fact]
    public void A_long_jsonl_string_value_is_abbreviated()
    {
        var path = DataFiles.Write(_folder.Path, "data.jsonl", $"{{\"inputs\": [1], \"label\": \"{new string('y', 5000)}\"}}\n");

        var error = Assert.Throws<TaskDataException>(() => JsonlTaskDataLoader.Load(path));

        Assert.Contains("field 'label': expected a finite number, found \"yyy", error.Message);
        Assert.Contains("more characters)", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    // QuotedText is internal; its limit is part of the message contract tested here.
    private const int MaxQuotedChars = 40;
}
