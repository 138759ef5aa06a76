namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// How sequences sorted longest first are cut into batches: at most <see cref="Rows"/> rows and at most
/// <see cref="Tokens"/> tokens (rows x the batch's longest sequence), so memory per forward pass stays bounded
/// whatever the examples' lengths. A sequence longer than the token limit gets a batch of its own.
/// </summary>
internal readonly record struct BatchLimits(int Rows, long Tokens)
{
    /// <summary>Float32 logits a forward pass may hold ([rows, tokens, vocabulary]): 1 GiB.</summary>
    private const long LogitBudget = 1L << 28;

    private const int MostTokens = 16 * 1024;

    /// <summary>Tokens per batch that keep the logits within budget (a 150k vocabulary gets about 1,800).</summary>
    public static long AutomaticTokens(int vocabularySize) => Math.Clamp(LogitBudget / Math.Max(1, vocabularySize), 1, MostTokens);

    /// <summary>The batches, as runs of <paramref name="order"/>; <paramref name="length"/> gives a sequence's tokens.</summary>
    public IEnumerable<int[]> Split(int[] order, Func<int, long> length)
    {
        var first = 0;
        while (first < order.Length)
        {
            // Sorted longest first: the first row sets the padded length of the whole batch.
            var longest = length(order[first]);
            var rows = (int)Math.Clamp(Tokens / Math.Max(1, longest), 1, Math.Min(Rows, order.Length - first));
            yield return order.AsSpan(first, rows).ToArray();
            first += rows;
        }
    }
}
