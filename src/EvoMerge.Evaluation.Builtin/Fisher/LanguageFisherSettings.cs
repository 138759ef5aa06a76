using EvoMerge.Evaluation.Builtin.Language;

namespace EvoMerge.Evaluation.Builtin.Fisher;

/// <summary>How a language model's Fisher is estimated from a JSONL task file.</summary>
public sealed record LanguageFisherSettings
{
    /// <summary>The task's kind; null: detected from the file's first example.</summary>
    public LanguageTaskKind? Kind { get; init; }

    /// <summary>How prompts are rendered (as in the task's evaluation, so the Fisher weighs what the task scores).</summary>
    public PromptTemplate Prompt { get; init; } = new();

    /// <summary>Use the first this many examples; null: all of them.</summary>
    public int? Examples { get; init; }
}
