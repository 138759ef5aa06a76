namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// One training sequence: token ids (with &lt;bos&gt; and &lt;eos&gt;) and, for each token after the first, whether
/// predicting it counts in the loss (all of them for plain text; only the answer for question answering).
/// </summary>
public sealed record LmSequence
{
    public LmSequence(IReadOnlyList<int> tokens, IReadOnlyList<bool> scored)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(scored);
        if (tokens.Count < 2) throw new ArgumentException("a training sequence needs at least two tokens.", nameof(tokens));
        if (scored.Count != tokens.Count - 1)
            throw new ArgumentException($"scored has {scored.Count} entries, one per predicted token ({tokens.Count - 1}) is needed.", nameof(scored));
        Tokens = tokens;
        Scored = scored;
    }

    public IReadOnlyList<int> Tokens { get; }

    /// <summary>Scored[i]: whether Tokens[i + 1], predicted from Tokens[0..i], counts in the loss.</summary>
    public IReadOnlyList<bool> Scored { get; }
}
