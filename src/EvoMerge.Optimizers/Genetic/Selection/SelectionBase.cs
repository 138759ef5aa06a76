using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Selection;

/// <summary>Checks the arguments and the result; subclasses only choose.</summary>
public abstract class SelectionBase : ISelection
{
    public IReadOnlyList<Individual> Select(IReadOnlyList<Individual> population, int count, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(rng);
        if (population.Count == 0) throw new ArgumentException("Cannot select from an empty population.", nameof(population));
        if (population.Any(i => i is null)) throw new ArgumentException("The population contains a null individual.", nameof(population));
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var selected = PerformSelect(population, count, rng);
        if (selected.Count != count)
            throw new InvalidOperationException($"Selection '{Describe().Name}' returned {selected.Count} individuals instead of {count}.");
        return selected;
    }

    protected abstract IReadOnlyList<Individual> PerformSelect(IReadOnlyList<Individual> population, int count, Rng rng);

    public abstract OperatorSpec Describe();
}
