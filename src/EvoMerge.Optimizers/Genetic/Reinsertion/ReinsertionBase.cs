namespace EvoMerge.Optimizers.Genetic.Reinsertion;

/// <summary>Validates sizes before and after <see cref="PerformReinsert"/>.</summary>
public abstract class ReinsertionBase : IReinsertion
{
    public int OffspringCount(int populationSize)
    {
        if (populationSize < 1) throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "A population needs at least one individual.");
        return PerformOffspringCount(populationSize);
    }

    public IReadOnlyList<Individual> Reinsert(IReadOnlyList<Individual> parents, IReadOnlyList<Individual> offspring, int populationSize)
    {
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(offspring);
        int needed = OffspringCount(populationSize);
        if (offspring.Count < needed)
            throw new ArgumentException($"Reinsertion '{Describe().Name}' needs {needed} offspring for a population of {populationSize}, got {offspring.Count}.", nameof(offspring));
        if (parents.Count < populationSize - needed)
            throw new ArgumentException($"Reinsertion '{Describe().Name}' keeps {populationSize - needed} parents but only {parents.Count} were given.", nameof(parents));
        var next = PerformReinsert(parents, offspring, populationSize);
        if (next.Count != populationSize)
            throw new InvalidOperationException($"Reinsertion '{Describe().Name}' produced {next.Count} individuals instead of {populationSize}.");
        return next;
    }

    protected abstract int PerformOffspringCount(int populationSize);

    protected abstract IReadOnlyList<Individual> PerformReinsert(IReadOnlyList<Individual> parents, IReadOnlyList<Individual> offspring, int populationSize);

    public abstract OperatorSpec Describe();

    /// <summary>The best <paramref name="count"/> of <paramref name="individuals"/>, best first.</summary>
    protected static IEnumerable<Individual> Best(IReadOnlyList<Individual> individuals, int count) =>
        FitnessOrder.BestFirst(individuals).Take(count).Select(i => individuals[i]);
}
