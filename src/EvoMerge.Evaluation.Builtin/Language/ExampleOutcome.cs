namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// How one scored example went. <see cref="Score"/> is its per-example score (1/0 for accuracy and exact match, the
/// negative mean NLL for perplexity); the other members say why, where they apply to the task's kind.
/// </summary>
public sealed record ExampleOutcome(int Index, string Source, double Score)
{
    /// <summary>Multiple choice: each choice's summed log-likelihood, before normalization.</summary>
    public IReadOnlyList<double>? ChoiceLogLikelihoods { get; init; }

    /// <summary>Multiple choice: each choice's score after normalization (what is compared).</summary>
    public IReadOnlyList<double>? ChoiceScores { get; init; }

    /// <summary>Multiple choice: the choice with the highest score (the first on ties).</summary>
    public int? PredictedChoice { get; init; }

    /// <summary>Generation: the decoded output, cut at the first stop string.</summary>
    public string? Output { get; init; }

    /// <summary>Generation: the answer extracted from the output, or null when the rule found none.</summary>
    public string? ExtractedAnswer { get; init; }

    /// <summary>Generation: whether the extracted answer equals the reference's, whatever the language.</summary>
    public bool? AnswerMatches { get; init; }

    /// <summary>Generation with a language check: whether the output passed it.</summary>
    public bool? LanguageOk { get; init; }

    /// <summary>Perplexity: the number of tokens predicted and their summed log-likelihood.</summary>
    public int? TokenCount { get; init; }

    public double? LogLikelihood { get; init; }
}
