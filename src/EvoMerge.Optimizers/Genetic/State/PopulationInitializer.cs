using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.State;

/// <summary>
/// Builds generation 0 once, at construction: the given genomes first, then the initializer's (by
/// default uniform in the bounds) until the population is full. Because the result is stored as
/// plain chromosomes, the initializer itself never needs to be part of the exported state.
/// </summary>
internal static class PopulationInitializer
{
    public static List<Chromosome> Build(Bounds bounds, int size, IReadOnlyList<double[]>? given, Func<Rng, double[]>? initializer, Rng rng)
    {
        var population = new List<Chromosome>(size);
        if (given is not null)
        {
            if (given.Count > size)
                throw new ArgumentException($"The initial population has {given.Count} genomes but the population size is {size}.");
            for (int i = 0; i < given.Count; i++) population.Add(Checked(given[i], bounds, $"Initial genome {i}"));
        }
        while (population.Count < size)
            population.Add(initializer is null ? Uniform(bounds, rng) : Checked(initializer(rng), bounds, "The initializer's genome"));
        return population;
    }

    public static Chromosome Uniform(Bounds bounds, Rng rng)
    {
        var genes = new double[bounds.Dimension];
        for (int i = 0; i < genes.Length; i++) genes[i] = rng.NextDouble(bounds.Lower[i], bounds.Upper[i]);
        return Chromosome.Adopt(genes);
    }

    static Chromosome Checked(double[]? genes, Bounds bounds, string what)
    {
        if (genes is null) throw new ArgumentException($"{what} is null.");
        if (genes.Length != bounds.Dimension)
            throw new ArgumentException($"{what} has {genes.Length} genes; the bounds have {bounds.Dimension}.");
        var chromosome = new Chromosome(genes);
        if (!bounds.Contains(genes)) throw new ArgumentException($"{what} lies outside the bounds.");
        return chromosome;
    }
}
