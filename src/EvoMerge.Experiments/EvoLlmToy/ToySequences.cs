using EvoMerge.Models.Tokenizers;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>Turns corpus lines into training sequences "&lt;bos&gt; words &lt;eos&gt;".</summary>
public static class ToySequences
{
    /// <summary>Plain text: every token after &lt;bos&gt; is scored.</summary>
    public static LmSequence Text(WordLevelTokenizer tokenizer, string line)
    {
        var tokens = Tokens(tokenizer, line);
        return new LmSequence(tokens, Enumerable.Repeat(true, tokens.Count - 1).ToArray());
    }

    /// <summary>A problem: only the answer's tokens and &lt;eos&gt; are scored, so the prompt's words are not learned.</summary>
    public static LmSequence AnswerOnly(WordLevelTokenizer tokenizer, ToyProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var tokens = Tokens(tokenizer, problem.Text);
        int promptTokens = 1 + tokenizer.Encode(problem.Prompt).Count;
        var scored = Enumerable.Range(1, tokens.Count - 1).Select(position => position >= promptTokens).ToArray();
        return new LmSequence(tokens, scored);
    }

    /// <summary>&lt;bos&gt;, the words, &lt;eos&gt;; a word outside the vocabulary is an error (the vocabulary is designed, not learned).</summary>
    public static List<int> Tokens(WordLevelTokenizer tokenizer, string line)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(line);
        var words = tokenizer.Encode(line);
        if (words.Contains(tokenizer.UnknownTokenId))
            throw new ArgumentException($"'{line}' has words outside the toy vocabulary.", nameof(line));
        var tokens = new List<int>(words.Count + 2) { tokenizer.BosTokenId!.Value };
        tokens.AddRange(words);
        tokens.Add(tokenizer.EosTokenId!.Value);
        return tokens;
    }
}
