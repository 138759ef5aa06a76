namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>A prompt, its choices (continuations) and the index of the correct one.</summary>
public sealed record MultipleChoiceExample(string Prompt, IReadOnlyList<string> Choices, int Answer, string Source = "example")
    : LanguageExample(Source)
{
    public override LanguageTaskKind Kind => LanguageTaskKind.MultipleChoice;

    /// <summary>The correct choice's text.</summary>
    public string AnswerText => Choices[Answer];
}
