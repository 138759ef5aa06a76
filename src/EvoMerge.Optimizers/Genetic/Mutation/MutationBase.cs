using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Mutation;

/// <summary>
/// Validates, calls <see cref="PerformMutate"/> on a private copy of the genes, then repairs by
/// clamping into the bounds (see <see cref="GeneRepair"/>). Every mutation here decides per gene,
/// with <see cref="GeneProbability"/>, whether that gene changes.
/// </summary>
public abstract class MutationBase : IMutation
{
    public double GeneProbability { get; }

    protected MutationBase(double geneProbability)
    {
        if (!(geneProbability >= 0 && geneProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(geneProbability), geneProbability, "The per-gene mutation probability must lie in [0, 1].");
        GeneProbability = geneProbability;
    }

    public Chromosome Mutate(Chromosome chromosome, Bounds bounds, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(chromosome);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(rng);
        if (chromosome.Length != bounds.Dimension)
            throw new ArgumentException($"The chromosome has {chromosome.Length} genes; the bounds have {bounds.Dimension}.", nameof(chromosome));
        var genes = chromosome.ToArray();
        for (int i = 0; i < genes.Length; i++)
            if (rng.NextDouble() < GeneProbability)
                genes[i] = PerformMutate(genes[i], bounds.Lower[i], bounds.Upper[i], rng);
        GeneRepair.ClampInto(genes, bounds, $"Mutation '{Describe().Name}'");
        return Chromosome.Adopt(genes);
    }

    /// <summary>The new value of one gene chosen for mutation.</summary>
    protected abstract double PerformMutate(double gene, double lower, double upper, Rng rng);

    public abstract OperatorSpec Describe();
}
