using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Selection;

/// <summary>
/// Each pick draws <see cref="Size"/> distinct individuals uniformly and keeps the fittest (equal
/// fitness: the one earlier in the population). Larger tournaments select harder; size 1 is uniform.
/// </summary>
public sealed class TournamentSelection : SelectionBase
{
    public const string Name = "tournament";

    public int Size { get; }

    public TournamentSelection(int size = 2)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "A tournament needs at least one contestant.");
        Size = size;
    }

    protected override IReadOnlyList<Individual> PerformSelect(IReadOnlyList<Individual> population, int count, Rng rng)
    {
        if (Size > population.Count)
            throw new ArgumentException($"Tournament size {Size} exceeds the population of {population.Count}.", nameof(population));
        var indices = Enumerable.Range(0, population.Count).ToArray();
        var winners = new Individual[count];
        for (int pick = 0; pick < count; pick++)
        {
            int winner = -1;
            // Partial Fisher–Yates: the first Size slots become a uniform sample without replacement.
            for (int k = 0; k < Size; k++)
            {
                int j = k + rng.NextInt(indices.Length - k);
                (indices[k], indices[j]) = (indices[j], indices[k]);
                int contestant = indices[k];
                if (winner < 0 || Beats(population[contestant], contestant, population[winner], winner)) winner = contestant;
            }
            winners[pick] = population[winner];
        }
        return winners;
    }

    static bool Beats(Individual a, int indexA, Individual b, int indexB) =>
        a.Fitness < b.Fitness || (a.Fitness == b.Fitness && indexA < indexB);

    public override OperatorSpec Describe() => OperatorSpec.Of(Name, ("size", Size));
}
