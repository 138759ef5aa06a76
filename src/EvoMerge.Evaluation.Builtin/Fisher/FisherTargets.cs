using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Data;
using EvoMerge.Models.Tokenizers;

namespace EvoMerge.Evaluation.Builtin.Fisher;

/// <summary>
/// The token sequence of each example whose log-likelihood the empirical Fisher differentiates: the prompt with
/// its correct choice (multiple choice) or its reference answer (generation), scored on the target's tokens, or the
/// whole text (perplexity). Prompts are rendered and tokenized as the task scorer does, so the Fisher measures the
/// parameters the task's own scoring depends on.
/// </summary>
internal static class FisherTargets
{
    public static ScoringRequest[] Build(IReadOnlyList<LanguageExample> examples, ITextTokenizer tokenizer, PromptTemplate prompt, bool addBos)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(prompt);
        long[] bos = addBos && tokenizer.BosTokenId is { } b ? [b] : [];
        return examples.Select(example => example switch
        {
            MultipleChoiceExample m => Continued(example, prompt.Render(m.Prompt), prompt.TargetDelimiter + m.AnswerText, tokenizer, bos),
            GenerationExample g => Continued(example, prompt.Render(g.Prompt), prompt.TargetDelimiter + g.Answer, tokenizer, bos),
            PerplexityExample p => Text(example, p.Text, tokenizer, bos),
            _ => throw new ArgumentException($"{example.Source}: a {example.Kind} example has no target."),
        }).ToArray();
    }

    static ScoringRequest Continued(LanguageExample example, string context, string target, ITextTokenizer tokenizer, long[] bos)
    {
        var contextIds = Encode(tokenizer, context);
        // Tokenized together, as the model reads them; the tokens past the context's are the target's.
        var whole = Encode(tokenizer, context + target);
        if (whole.Length <= contextIds.Length)
            throw new TaskDataException($"{example.Source}: the target (\"{target.Trim()}\") adds no tokens to the prompt.");
        int start = bos.Length + contextIds.Length;
        return start >= 1
            ? new ScoringRequest([.. bos, .. whole], start)
            : throw new TaskDataException($"{example.Source}: the prompt encodes to no tokens and the tokenizer has no BOS token, so the first target token has nothing to be predicted from.");
    }

    static ScoringRequest Text(LanguageExample example, string text, ITextTokenizer tokenizer, long[] bos)
    {
        long[] ids = [.. bos, .. Encode(tokenizer, text)];
        return ids.Length >= 2
            ? new ScoringRequest(ids, 1)
            : throw new TaskDataException($"{example.Source}: the text needs at least {2 - bos.Length} token(s) to have one to predict.");
    }

    static long[] Encode(ITextTokenizer tokenizer, string text) => tokenizer.Encode(text).Select(id => (long)id).ToArray();
}
