using EvoMerge.Evaluation.Builtin.Language;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

public class LanguageCheckTests
{
    private static readonly LanguageCheck Words = new() { AllowedWords = new HashSet<string> { "zo", "ka", "mi" } };

    [Fact]
    public void Words_must_all_be_in_the_vocabulary_ignoring_case_punctuation_and_numbers()
    {
        Assert.True(Words.Passes("Zo ka, mi 12 ."));
        Assert.Equal(1.0, Words.AllowedFraction("zo 3"));
        Assert.False(Words.Passes("zo ka the"));
        Assert.Equal(2.0 / 3, Words.AllowedFraction("zo ka the"), 12);
    }

    [Fact]
    public void Min_fraction_lets_some_foreign_words_through()
    {
        var lenient = Words with { MinFraction = 0.6 };
        Assert.True(lenient.Passes("zo ka the"));
        Assert.False(lenient.Passes("zo the dog"));
    }

    [Fact]
    public void An_output_with_nothing_to_check_passes()
    {
        Assert.True(Words.Passes("42"));
        Assert.True(Words.Passes(""));
    }

    [Fact]
    public void Unicode_blocks_check_every_letter_and_ignore_digits_and_punctuation()
    {
        var japanese = new LanguageCheck { UnicodeBlocks = ["Hiragana", "Katakana", "CJKUnifiedIdeographs"] };
        Assert.True(japanese.Passes("こたえは 12 です。"));
        Assert.False(japanese.Passes("こたえは twelve です"));
        Assert.Equal(0.5, japanese.AllowedFraction("こたえは twelve です"), 12);
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_reason()
    {
        var unknown = Assert.Throws<ArgumentException>(() => new LanguageCheck { UnicodeBlocks = ["Klingon"] });
        Assert.Contains("unknown Unicode block", unknown.Message);
        Assert.Contains("exactly one", Assert.Throws<ArgumentException>(() => new LanguageCheck().Validate()).Message);
        Assert.Contains("MinFraction", Assert.Throws<ArgumentException>(() => (Words with { MinFraction = 0 }).Validate()).Message);
    }

    [Fact]
    public void A_word_file_gives_its_words()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "zo ka\nmi\n");
            var check = LanguageCheck.FromWordFile(path);
            Assert.True(check.Passes("mi zo"));
            Assert.False(check.Passes("mi you"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
