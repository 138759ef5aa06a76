using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Crossover;

/// <summary>Recombines parents into children. Parents are never changed; children lie within the bounds.</summary>
public interface ICrossover : IDescribedOperator
{
    int ParentsNumber { get; }
    int ChildrenNumber { get; }
    IReadOnlyList<Chromosome> Cross(IReadOnlyList<Chromosome> parents, Bounds bounds, Rng rng);
}
