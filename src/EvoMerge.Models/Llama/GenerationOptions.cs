namespace EvoMerge.Models.Llama;

/// <summary>
/// Greedy decoding settings. A row stops at the first token in <see cref="StopTokenIds"/> (which is not
/// part of its output) or after <see cref="MaxNewTokens"/>. <see cref="UseKvCache"/> false recomputes the
/// whole sequence at every step (the reference the cache is tested against).
/// </summary>
public sealed record GenerationOptions
{
    public required int MaxNewTokens { get; init; }
    public IReadOnlyCollection<long> StopTokenIds { get; init; } = [];
    public bool UseKvCache { get; init; } = true;

    internal void Validate()
    {
        if (MaxNewTokens <= 0)
            throw new ArgumentException($"MaxNewTokens must be positive, got {MaxNewTokens}.");
        ArgumentNullException.ThrowIfNull(StopTokenIds);
    }
}
