using System.Globalization;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// Writes meanings as words. Language 1 is SVO with the number before the noun ("tom buys 3 apples ."); language 2 is
/// SOV with a topic particle and the number after the noun ("kiro wa mela 3 kopa ."). Questions differ too:
/// "how many apples does tom have now ?" against "kiro wa mela kiom tenu ka ?".
/// </summary>
public static class ToyGrammar
{
    public static string Sentence(ToyClause clause, ToyLanguage language)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var subject = clause.Subject.In(language);
        var verb = clause.Verb.In(language);
        if (!clause.IsTransitive)
            return language == ToyLanguage.Language1 ? $"{subject} {verb} ." : $"{subject} wa {verb} .";
        var count = (clause.Count ?? throw new ArgumentException("a transitive clause needs a count.", nameof(clause))).ToString(CultureInfo.InvariantCulture);
        var noun = clause.Noun!.In(language);
        return language == ToyLanguage.Language1 ? $"{subject} {verb} {count} {noun} ." : $"{subject} wa {noun} {count} {verb} .";
    }

    public static string Question(ToyWord subject, ToyWord noun, ToyLexicon lexicon, ToyLanguage language)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(noun);
        ArgumentNullException.ThrowIfNull(lexicon);
        return language == ToyLanguage.Language1
            ? $"how many {noun.Language1} does {subject.Language1} have now ?"
            : $"{subject.Language2} wa {noun.Language2} kiom {lexicon.Has.Language2} ka ?";
    }
}
