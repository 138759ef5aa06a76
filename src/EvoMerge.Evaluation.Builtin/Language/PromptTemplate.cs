using System.Text.RegularExpressions;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// How examples become model input. An example's prompt is <see cref="Template"/> with <c>{prompt}</c> and
/// <c>{question}</c> replaced by its prompt text. A solved (few-shot) example is its prompt, then
/// <see cref="TargetDelimiter"/>, then its target (correct choice or answer). The context is <see cref="Preamble"/>,
/// the solved examples each followed by <see cref="FewShotSeparator"/>, then the prompt. Multiple-choice
/// continuations are <see cref="TargetDelimiter"/> + choice; generation continues the context as it is.
/// </summary>
public sealed partial record PromptTemplate
{
    public string Template { get; init; } = "{prompt}";

    public string FewShotSeparator { get; init; } = "\n\n";

    public string TargetDelimiter { get; init; } = " ";

    /// <summary>Text before everything else (an instruction, say).</summary>
    public string Preamble { get; init; } = "";

    /// <summary>The template with its placeholders filled in (one pass: placeholder text inside the prompt stays).</summary>
    public string Render(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return Placeholder().Replace(Template, _ => prompt);
    }

    /// <summary>A few-shot example: its rendered prompt, the delimiter and its target.</summary>
    public string Solved(string prompt, string target) => Render(prompt) + TargetDelimiter + target;

    /// <summary>The full context for <paramref name="prompt"/> after the solved examples.</summary>
    public string Context(IReadOnlyList<(string Prompt, string Target)> shots, string prompt)
    {
        ArgumentNullException.ThrowIfNull(shots);
        return Preamble + string.Concat(shots.Select(s => Solved(s.Prompt, s.Target) + FewShotSeparator)) + Render(prompt);
    }

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Template, nameof(Template));
        ArgumentNullException.ThrowIfNull(FewShotSeparator, nameof(FewShotSeparator));
        ArgumentNullException.ThrowIfNull(TargetDelimiter, nameof(TargetDelimiter));
        ArgumentNullException.ThrowIfNull(Preamble, nameof(Preamble));
        if (!Placeholder().IsMatch(Template))
        {
            throw new ArgumentException($"the prompt template has no {{prompt}} or {{question}} placeholder: \"{Template}\".", nameof(Template));
        }
    }

    [GeneratedRegex(@"\{(?:prompt|question)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
