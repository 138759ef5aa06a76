using EvoMerge.Merging.Samples;

namespace EvoMerge.Experiments.Memory;

/// <summary>What <see cref="SearchMemoryBenchmark"/> builds and runs: TinyLlama-1.1B widths, fewer layers by default.</summary>
public sealed record SearchMemoryOptions
{
    public required string OutputCsv { get; init; }

    /// <summary>Folder for the random experts and the run; removed afterwards. It needs about 3 model sizes of disk.</summary>
    public required string WorkFolder { get; init; }

    public TinyLlamaShape Shape { get; init; } = new(Hidden: 2048, Intermediate: 5632, Layers: 4, Vocab: 32000);

    public int Heads { get; init; } = 32;

    public int KeyValueHeads { get; init; } = 4;

    public int Trials { get; init; } = 8;
}
