using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Selection;

/// <summary>Chooses parents from an evaluated population (fitness minimized, failed individuals last).</summary>
public interface ISelection : IDescribedOperator
{
    /// <summary><paramref name="count"/> parents, possibly repeated, in the order they should be paired.</summary>
    IReadOnlyList<Individual> Select(IReadOnlyList<Individual> population, int count, Rng rng);
}
