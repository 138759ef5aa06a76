using System.Text.RegularExpressions;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;
using static TorchSharp.torch;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// A small local scorer for the toy tasks (the shared LM evaluators score the same JSONL files): greedy generation
/// with last-number exact match, multiple choice by summed log-likelihood, and perplexity. Prompts start with &lt;bos&gt;,
/// as in training.
/// </summary>
public static partial class ToyScorer
{
    const int BatchSize = 64;

    /// <summary>Share of problems whose greedy output's last number equals the answer.</summary>
    public static double GenerationAccuracy(ICausalLm model, WordLevelTokenizer tokenizer, IReadOnlyList<ToyProblem> problems, int maxNewTokens = 4)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0) throw new ArgumentException("no problems to score.", nameof(problems));
        int correct = 0;
        foreach (var chunk in problems.Chunk(BatchSize))
        {
            using var scope = NewDisposeScope();
            var prompts = chunk.Select(p => Prompt(tokenizer, p.Prompt)).ToList();
            var (ids, mask) = LeftPadded(prompts);
            var outputs = model.GenerateGreedy(ids, mask, new GenerationOptions { MaxNewTokens = maxNewTokens, StopTokenIds = [tokenizer.EosTokenId!.Value] });
            for (int row = 0; row < chunk.Length; row++)
            {
                var text = tokenizer.Decode(outputs[row].Tokens.Select(t => (int)t));
                if (LastNumber(text) == chunk[row].Answer) correct++;
            }
        }

        return (double)correct / problems.Count;
    }

    /// <summary>Share of items whose correct choice has the highest summed log-likelihood after the prompt.</summary>
    public static double ChoiceAccuracy(ICausalLm model, WordLevelTokenizer tokenizer, IReadOnlyList<ToyChoiceItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("no items to score.", nameof(items));
        var pairs = items.SelectMany(item => item.Choices.Select(choice => (Context: Prompt(tokenizer, item.Prompt), Continuation: Words(tokenizer, choice)))).ToList();
        var scores = LogLikelihoods(model, pairs);
        int correct = 0, offset = 0;
        foreach (var item in items)
        {
            var own = scores.Skip(offset).Take(item.Choices.Count).ToList();
            if (own.IndexOf(own.Max()) == item.Answer) correct++;
            offset += item.Choices.Count;
        }

        return (double)correct / items.Count;
    }

    /// <summary>exp of the mean negative log-likelihood of every token after &lt;bos&gt;, &lt;eos&gt; included.</summary>
    public static double Perplexity(ICausalLm model, WordLevelTokenizer tokenizer, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("no texts to score.", nameof(texts));
        var pairs = texts.Select(text => (Context: (IReadOnlyList<int>)[tokenizer.BosTokenId!.Value], Continuation: (IReadOnlyList<int>)[.. Words(tokenizer, text), tokenizer.EosTokenId!.Value])).ToList();
        var scores = LogLikelihoods(model, pairs);
        long tokens = pairs.Sum(p => p.Continuation.Count);
        return Math.Exp(-scores.Sum() / tokens);
    }

    /// <summary>Summed log-probability of each continuation after its context (right padded batches).</summary>
    static List<double> LogLikelihoods(ICausalLm model, IReadOnlyList<(IReadOnlyList<int> Context, IReadOnlyList<int> Continuation)> pairs)
    {
        var results = new List<double>(pairs.Count);
        foreach (var chunk in pairs.Chunk(BatchSize))
        {
            using var scope = NewDisposeScope();
            var rows = chunk.Select(p => p.Context.Concat(p.Continuation).ToList()).ToList();
            int length = rows.Max(r => r.Count);
            var ids = new long[rows.Count * length];
            var mask = new long[rows.Count * length];
            for (int row = 0; row < rows.Count; row++)
                for (int slot = 0; slot < rows[row].Count; slot++)
                {
                    ids[row * length + slot] = rows[row][slot];
                    mask[row * length + slot] = 1;
                }

            var logProbs = model.Forward(tensor(ids, [rows.Count, length]), tensor(mask, [rows.Count, length])).log_softmax(-1);
            var values = logProbs.data<float>().ToArray();
            long vocab = logProbs.shape[2];
            for (int row = 0; row < rows.Count; row++)
            {
                double sum = 0;
                int start = chunk[row].Context.Count;
                for (int slot = start; slot < rows[row].Count; slot++)
                    sum += values[(row * length + slot - 1) * vocab + rows[row][slot]];
                results.Add(sum);
            }
        }

        return results;
    }

    static (Tensor Ids, Tensor Mask) LeftPadded(IReadOnlyList<IReadOnlyList<int>> prompts)
    {
        int length = prompts.Max(p => p.Count);
        var ids = new long[prompts.Count * length];
        var mask = new long[prompts.Count * length];
        for (int row = 0; row < prompts.Count; row++)
        {
            int pad = length - prompts[row].Count;
            for (int slot = 0; slot < prompts[row].Count; slot++)
            {
                ids[row * length + pad + slot] = prompts[row][slot];
                mask[row * length + pad + slot] = 1;
            }
        }

        return (tensor(ids, [prompts.Count, length]), tensor(mask, [prompts.Count, length]));
    }

    static IReadOnlyList<int> Prompt(WordLevelTokenizer tokenizer, string prompt) => [tokenizer.BosTokenId!.Value, .. Words(tokenizer, prompt)];

    static IReadOnlyList<int> Words(WordLevelTokenizer tokenizer, string text) => tokenizer.Encode(text);

    /// <summary>The last run of digits in the text, without leading zeros; null when there is none.</summary>
    public static string? LastNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = Digits().Matches(text);
        if (matches.Count == 0) return null;
        var trimmed = matches[^1].Value.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
