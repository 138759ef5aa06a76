namespace EvoMerge.Optimizers.Genetic.Reinsertion;

/// <summary>Forms the next population from the current one and its evaluated offspring.</summary>
public interface IReinsertion : IDescribedOperator
{
    /// <summary>How many offspring a generation must produce for a population of this size.</summary>
    int OffspringCount(int populationSize);

    IReadOnlyList<Individual> Reinsert(IReadOnlyList<Individual> parents, IReadOnlyList<Individual> offspring, int populationSize);
}
