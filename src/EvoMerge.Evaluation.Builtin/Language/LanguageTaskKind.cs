namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>How a language-model task is scored; each kind reads its own JSONL fields (see README.md).</summary>
public enum LanguageTaskKind
{
    /// <summary>Pick the choice whose continuation the model finds most likely; metric <c>accuracy</c>.</summary>
    MultipleChoice,

    /// <summary>Greedy generation compared with the answer after extraction; metric <c>exact_match</c>.</summary>
    Generation,

    /// <summary>Negative mean negative log-likelihood of each text; metrics <c>neg_nll</c> and <c>neg_perplexity</c>.</summary>
    Perplexity,
}
