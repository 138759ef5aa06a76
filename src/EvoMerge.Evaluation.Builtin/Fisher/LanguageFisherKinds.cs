using EvoMerge.Evaluation.Builtin.Language;

namespace EvoMerge.Evaluation.Builtin.Fisher;

/// <summary>The task kinds by the names configs and the command line use (as a search task's <c>kind</c>).</summary>
public static class LanguageFisherKinds
{
    static readonly Dictionary<string, LanguageTaskKind> ByName = new(StringComparer.Ordinal)
    {
        ["multiple_choice"] = LanguageTaskKind.MultipleChoice,
        ["generation"] = LanguageTaskKind.Generation,
        ["perplexity"] = LanguageTaskKind.Perplexity,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <exception cref="ArgumentException">Not one of <see cref="Names"/>.</exception>
    public static LanguageTaskKind Of(string name) =>
        ByName.TryGetValue(name, out var kind) ? kind : throw new ArgumentException($"'{name}' is not a task kind; valid: {string.Join(", ", Names)}.");
}
