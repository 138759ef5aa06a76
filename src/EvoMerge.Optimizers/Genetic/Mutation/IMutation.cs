using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Mutation;

/// <summary>Returns a mutated copy within the bounds; the input chromosome is never changed.</summary>
public interface IMutation : IDescribedOperator
{
    Chromosome Mutate(Chromosome chromosome, Bounds bounds, Rng rng);
}
