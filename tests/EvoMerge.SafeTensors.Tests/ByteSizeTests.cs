using EvoMerge.SafeTensors.Format;

namespace EvoMerge.SafeTensors.Tests;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("5GB", 5_000_000_000)]
    [InlineData("500MB", 500_000_000)]
    [InlineData("1.5GiB", 1_610_612_736)]
    [InlineData("123", 123)]
    [InlineData("2KB", 2_000)]
    [InlineData("2kb", 2_000)]
    [InlineData("2KiB", 2_048)]
    [InlineData("3 mib", 3_145_728)]
    [InlineData(" 1TB ", 1_000_000_000_000)]
    [InlineData("0.5KB", 500)]
    [InlineData("64B", 64)]
    [InlineData("0", 0)]
    public void Parses_sizes(string text, long expected) => Assert.Equal(expected, ByteSize.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("GB")]
    [InlineData("5XB")]
    [InlineData("-5GB")]
    [InlineData("5 G B")]
    [InlineData("1,5GB")]
    [InlineData("1e9")]
    [InlineData("1.0001KB")]
    [InlineData("1.5")]
    [InlineData("99999999999TB")]
    public void Rejects_anything_else_with_a_format_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => ByteSize.Parse(text));
        Assert.Contains($"'{text}'", error.Message);
    }
}
