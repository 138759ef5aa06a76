using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Genetic.Crossover;
using EvoMerge.Optimizers.Genetic.Mutation;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.MultiObjective;

/// <summary>Settings of <see cref="Nsga2"/>. Defaults follow Deb's NSGA-II for real genes.</summary>
public sealed record Nsga2Options
{
    public required Bounds Bounds { get; init; }

    /// <summary>Number of objectives in every outcome (all minimized).</summary>
    public required int Objectives { get; init; }

    /// <summary>μ; each generation also produces μ offspring (λ = μ).</summary>
    public int PopulationSize { get; init; } = 40;

    public ulong Seed { get; init; }

    /// <summary>Chance that a mating recombines; otherwise the parents pass on unchanged (before mutation).</summary>
    public double CrossoverProbability { get; init; } = 0.9;

    /// <summary>SBX with η_c = 15 and per-gene probability 0.5 unless replaced.</summary>
    public ICrossover Crossover { get; init; } = new SimulatedBinaryCrossover(15, 0.5);

    /// <summary>Null: polynomial mutation with η_m = 20 and per-gene probability 1/dimension.</summary>
    public IMutation? Mutation { get; init; }

    /// <summary>Checked against the progress on the first objective (best value, stagnation).</summary>
    public ITermination? Termination { get; init; }

    public IReadOnlyList<double[]>? InitialPopulation { get; init; }

    public Func<Rng, double[]>? Initializer { get; init; }
}
