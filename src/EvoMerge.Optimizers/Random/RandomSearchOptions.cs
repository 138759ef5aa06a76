using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.Random;

/// <summary>Settings of <see cref="RandomSearch"/>.</summary>
public sealed record RandomSearchOptions
{
    public required Bounds Bounds { get; init; }

    /// <summary>Candidates per Ask (one "generation").</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Number of objectives in every outcome; <see cref="RandomSearch.Best"/> uses the first.</summary>
    public int Objectives { get; init; } = 1;

    public ulong Seed { get; init; }

    /// <summary>Null: the optimizer never asks to stop; the run layer's budgets decide.</summary>
    public ITermination? Termination { get; init; }
}
