using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Crossover;

/// <summary>
/// Validates parents, calls <see cref="PerformCross"/>, then clamps the children into the bounds
/// (operators such as BLX and SBX can step outside). The arrays PerformCross returns are taken over.
/// </summary>
public abstract class CrossoverBase : ICrossover
{
    public virtual int ParentsNumber => 2;
    public virtual int ChildrenNumber => 2;

    /// <summary>Fewest genes the operator can work with (cut-point operators need more than one).</summary>
    protected virtual int MinimumGenes => 1;

    public IReadOnlyList<Chromosome> Cross(IReadOnlyList<Chromosome> parents, Bounds bounds, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(rng);
        string name = Describe().Name;
        if (parents.Count != ParentsNumber)
            throw new ArgumentException($"Crossover '{name}' needs {ParentsNumber} parents, got {parents.Count}.", nameof(parents));
        foreach (var p in parents)
        {
            if (p is null) throw new ArgumentException("A parent is null.", nameof(parents));
            if (p.Length != bounds.Dimension)
                throw new ArgumentException($"A parent has {p.Length} genes; the bounds have {bounds.Dimension}.", nameof(parents));
        }
        if (bounds.Dimension < MinimumGenes)
            throw new ArgumentException($"Crossover '{name}' needs at least {MinimumGenes} genes, got {bounds.Dimension}.", nameof(bounds));

        var children = PerformCross(parents, bounds, rng);
        if (children.Count != ChildrenNumber)
            throw new InvalidOperationException($"Crossover '{name}' produced {children.Count} children instead of {ChildrenNumber}.");
        return children.Select(c =>
        {
            GeneRepair.ClampInto(c, bounds, $"Crossover '{name}'");
            return Chromosome.Adopt(c);
        }).ToArray();
    }

    protected abstract IReadOnlyList<double[]> PerformCross(IReadOnlyList<Chromosome> parents, Bounds bounds, Rng rng);

    public abstract OperatorSpec Describe();

    protected static void CheckProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(name, p, "A probability must lie in [0, 1].");
    }
}
