using EvoMerge.Evaluation.Builtin.Language;

namespace EvoMerge.Search.Tasks.Language;

/// <summary>
/// The words a language task's <c>kind</c>, <c>extraction</c> and <c>normalization</c> accept and what each
/// means to the evaluator: one table for validation and conversion, so no value can pass one and miss the other.
/// </summary>
public static class LanguageChoices
{
    public static IReadOnlyDictionary<string, LanguageTaskKind> Kinds { get; } = new Dictionary<string, LanguageTaskKind>
    {
        ["multiple_choice"] = LanguageTaskKind.MultipleChoice,
        ["generation"] = LanguageTaskKind.Generation,
        ["perplexity"] = LanguageTaskKind.Perplexity,
    };

    public static IReadOnlyDictionary<string, AnswerExtraction> Extractions { get; } = new Dictionary<string, AnswerExtraction>
    {
        ["last_number"] = AnswerExtraction.LastNumber,
        ["first_line"] = AnswerExtraction.FirstLine,
        ["full"] = AnswerExtraction.Full,
    };

    public static IReadOnlyDictionary<string, ChoiceNormalization> Normalizations { get; } = new Dictionary<string, ChoiceNormalization>
    {
        ["none"] = ChoiceNormalization.None,
        ["per_token"] = ChoiceNormalization.PerToken,
        ["per_character"] = ChoiceNormalization.PerCharacter,
    };

    /// <summary>The value of <paramref name="word"/> in <paramref name="table"/>; a word the config check let through by mistake is an error, never a default.</summary>
    public static T Of<T>(IReadOnlyDictionary<string, T> table, string word, string field) =>
        table.TryGetValue(word, out var value)
            ? value
            : throw new ArgumentException($"{field}: '{word}' is not one of {string.Join(", ", table.Keys)}.");
}
