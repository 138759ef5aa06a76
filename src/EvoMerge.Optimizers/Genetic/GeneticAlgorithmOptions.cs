using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Genetic.Crossover;
using EvoMerge.Optimizers.Genetic.Mutation;
using EvoMerge.Optimizers.Genetic.Reinsertion;
using EvoMerge.Optimizers.Genetic.Selection;
using EvoMerge.Optimizers.Genetic.Termination;

namespace EvoMerge.Optimizers.Genetic;

/// <summary>
/// Settings of a <see cref="GeneticAlgorithm"/>. Elitism is expressed by the reinsertion:
/// <see cref="ElitistReinsertion"/> with e elites (the default keeps 1) or
/// <see cref="GenerationalReinsertion"/> for none. Operators must be ones their family factory can
/// rebuild from <see cref="IDescribedOperator.Describe"/>, or the state cannot be restored.
/// </summary>
public sealed record GeneticAlgorithmOptions
{
    public required Bounds Bounds { get; init; }

    public int PopulationSize { get; init; } = 20;

    public ulong Seed { get; init; }

    public ISelection Selection { get; init; } = new TournamentSelection(2);

    public ICrossover Crossover { get; init; } = new SimulatedBinaryCrossover();

    /// <summary>Chance that a mating recombines; otherwise the parents pass on unchanged (before mutation).</summary>
    public double CrossoverProbability { get; init; } = 0.9;

    /// <summary>Null: polynomial mutation with η_m = 20 and per-gene probability 1/dimension (Deb's usual setting).</summary>
    public IMutation? Mutation { get; init; }

    public IReinsertion Reinsertion { get; init; } = new ElitistReinsertion(1);

    /// <summary>Null: the optimizer never asks to stop; the run layer's budgets decide.</summary>
    public ITermination? Termination { get; init; }

    /// <summary>Genomes to start from (at most the population size, within the bounds); the rest come from <see cref="Initializer"/>.</summary>
    public IReadOnlyList<double[]>? InitialPopulation { get; init; }

    /// <summary>Makes one starting genome; null: uniform in the bounds. Only used at construction.</summary>
    public Func<Rng, double[]>? Initializer { get; init; }
}
