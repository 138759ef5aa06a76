using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Selection;

/// <summary>
/// Deterministic truncation: the best <c>count</c> individuals, best first (failed last, ties in
/// population order). When more parents are asked for than there are individuals, the ranking is
/// walked again from the top. Uses no random numbers.
/// </summary>
public sealed class EliteSelection : SelectionBase
{
    public const string Name = "elite";

    protected override IReadOnlyList<Individual> PerformSelect(IReadOnlyList<Individual> population, int count, Rng rng)
    {
        var order = FitnessOrder.BestFirst(population);
        return Enumerable.Range(0, count).Select(i => population[order[i % order.Length]]).ToArray();
    }

    public override OperatorSpec Describe() => new(Name);
}
