using EvoMerge.Evaluation.Builtin.Language;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

public class AnswerExtractorTests
{
    [Theory]
    [InlineData("The answer is 42.", "42")]
    [InlineData("3 apples and 5 pears make 8", "8")]
    [InlineData("so she pays 1,234 yen", "1234")]
    [InlineData("total: 12.50 dollars", "12.5")]
    [InlineData("total: 12.0", "12")]
    [InlineData("it drops to -7 degrees", "-7")]
    [InlineData("-0", "0")]
    [InlineData("007 agents", "7")]
    [InlineData("0.25", "0.25")]
    [InlineData("1,000,000 and then 3.", "3")]
    public void Last_number_takes_the_last_number_without_commas_in_canonical_form(string text, string expected)
    {
        Assert.Equal(expected, AnswerExtractor.Extract(text, AnswerExtraction.LastNumber));
    }

    [Theory]
    [InlineData("no digits here")]
    [InlineData("")]
    [InlineData(", . -")]
    public void Last_number_finds_nothing_in_text_without_digits(string text)
    {
        Assert.Null(AnswerExtractor.Extract(text, AnswerExtraction.LastNumber));
    }

    [Fact]
    public void First_line_skips_blank_lines_and_trims()
    {
        Assert.Equal("Paris is the capital", AnswerExtractor.Extract("\n  \n  Paris is the capital \nof France", AnswerExtraction.FirstLine));
        Assert.Null(AnswerExtractor.Extract(" \n \n", AnswerExtraction.FirstLine));
    }

    [Fact]
    public void Full_trims_the_whole_text()
    {
        Assert.Equal("a b\nc", AnswerExtractor.Extract("  a b\nc \n", AnswerExtraction.Full));
        Assert.Null(AnswerExtractor.Extract("   ", AnswerExtraction.Full));
    }
}
