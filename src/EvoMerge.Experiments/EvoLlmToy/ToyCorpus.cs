namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// Everything the toy experiment trains and evaluates on. Training: <see cref="BaseLines"/> (both languages, no
/// arithmetic), <see cref="ExpertALines"/> (language-1 problems), <see cref="ExpertBLines"/> (language-2 text).
/// Held out: the target (language-2 problems, never trained on), source 1 (language-1 problems not in expert A's
/// data), source 2 (language-2 story cloze choices and perplexity text not in expert B's data).
/// </summary>
public sealed record ToyCorpus(
    IReadOnlyList<string> BaseLines,
    IReadOnlyList<string> ExpertALines,
    IReadOnlyList<string> ExpertBLines,
    IReadOnlyList<ToyProblem> TargetDev,
    IReadOnlyList<ToyProblem> TargetTest,
    IReadOnlyList<ToyProblem> Source1Dev,
    IReadOnlyList<ToyProblem> Source1Test,
    IReadOnlyList<ToyChoiceItem> Source2Dev,
    IReadOnlyList<ToyChoiceItem> Source2Test,
    IReadOnlyList<string> Source2PerplexityTest);
