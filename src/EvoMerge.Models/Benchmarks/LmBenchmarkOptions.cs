using EvoMerge.Models.Llama.Families;
using static TorchSharp.torch;

namespace EvoMerge.Models.Benchmarks;

/// <summary>The model and workload of <see cref="LmBenchmark"/>: small random configs of every family by default.</summary>
public sealed record LmBenchmarkOptions
{
    public int Layers { get; init; } = 4;
    public int Hidden { get; init; } = 256;
    public int Heads { get; init; } = 8;
    public int KeyValueHeads { get; init; } = 4;
    public int Intermediate { get; init; } = 688;
    public int Vocab { get; init; } = 8192;
    public int PromptLength { get; init; } = 128;
    public int NewTokens { get; init; } = 32;
    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 8];
    public IReadOnlyList<ScalarType> DTypes { get; init; } = [ScalarType.Float32, ScalarType.BFloat16];

    /// <summary>config.json model_type of each family measured (default: every supported family).</summary>
    public IReadOnlyList<string> Families { get; init; } = DecoderFamilies.All.Select(f => f.ModelType).ToArray();

    /// <summary>Timed repetitions per cell; the median is reported.</summary>
    public int Repeats { get; init; } = 3;

    public ulong Seed { get; init; } = 1;

    /// <summary>null means the CPU.</summary>
    public Device? Device { get; init; }

    public string ConfigName => $"L{Layers}-H{Hidden}-A{Heads}-KV{KeyValueHeads}-I{Intermediate}-V{Vocab}-T{PromptLength}";

    internal void Validate()
    {
        foreach (var (value, name) in new[] { (Layers, nameof(Layers)), (Hidden, nameof(Hidden)), (Heads, nameof(Heads)), (KeyValueHeads, nameof(KeyValueHeads)),
                     (Intermediate, nameof(Intermediate)), (Vocab, nameof(Vocab)), (PromptLength, nameof(PromptLength)), (Repeats, nameof(Repeats)) })
        {
            if (value <= 0)
                throw new ArgumentException($"{name} must be positive, got {value}.");
        }

        if (NewTokens < 2)
            throw new ArgumentException($"NewTokens must be at least 2 (generation is timed beyond the first token), got {NewTokens}.");
        if (BatchSizes.Count == 0 || BatchSizes.Any(b => b <= 0))
            throw new ArgumentException("BatchSizes must be a non-empty list of positive sizes.");
        if (Families.Count == 0)
            throw new ArgumentException($"Families must not be empty; supported: {DecoderFamilies.SupportedList}.");
        foreach (string family in Families)
            DecoderFamilies.ByModelType(family);
        if (DTypes.Count == 0)
            throw new ArgumentException("DTypes must not be empty.");
    }
}
