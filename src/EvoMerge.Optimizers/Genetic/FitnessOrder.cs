namespace EvoMerge.Optimizers.Genetic;

/// <summary>Orders individuals best first (lowest fitness; failed last), ties kept in population order.</summary>
public static class FitnessOrder
{
    /// <summary>Population indices sorted best first. The sort is stable, so equal fitness keeps index order.</summary>
    public static int[] BestFirst(IReadOnlyList<Individual> population) =>
        Enumerable.Range(0, population.Count).OrderBy(i => population[i].Fitness).ToArray();
}
