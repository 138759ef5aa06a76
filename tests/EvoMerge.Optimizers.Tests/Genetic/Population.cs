using EvoMerge.Optimizers.Genetic;

namespace EvoMerge.Optimizers.Tests.Genetic;

/// <summary>Small populations for operator tests: gene i of individual k is k, fitness as given.</summary>
static class Population
{
    public static Individual[] WithFitness(params double[] fitness) =>
        fitness.Select((f, k) => new Individual(new Chromosome(new double[] { k }), f)).ToArray();

    public static int IndexOf(Individual individual) => (int)individual.Chromosome[0];
}
