using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Search.Config;
using EvoMerge.Search.Tasks.Language;

namespace EvoMerge.Search.Tests.Config;

public sealed class LanguageChoicesTests
{
    [Fact]
    public void A_word_outside_the_table_is_an_error_naming_the_field_and_the_valid_words_not_a_default()
    {
        var error = Assert.Throws<ArgumentException>(() => LanguageChoices.Of(LanguageChoices.Extractions, "last_word", "tasks.gsm.extraction"));

        Assert.Equal("tasks.gsm.extraction: 'last_word' is not one of last_number, first_line, full.", error.Message);
    }

    [Fact]
    public void Every_enum_value_has_exactly_one_word()
    {
        Assert.Equal(Enum.GetValues<LanguageTaskKind>().Order(), LanguageChoices.Kinds.Values.Order());
        Assert.Equal(Enum.GetValues<AnswerExtraction>().Order(), LanguageChoices.Extractions.Values.Order());
        Assert.Equal(Enum.GetValues<ChoiceNormalization>().Order(), LanguageChoices.Normalizations.Values.Order());
    }
}
