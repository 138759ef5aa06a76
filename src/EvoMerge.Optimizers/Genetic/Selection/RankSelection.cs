using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Selection;

/// <summary>
/// Linear ranking: among n completed individuals the best has weight n, the next n − 1, … the worst 1
/// (equal fitness shares the average of its ranks), so only the order of the fitness values matters.
/// Failed individuals get weight 0 unless nobody completed (then the choice is uniform). Draws are
/// with replacement.
/// </summary>
public sealed class RankSelection : SelectionBase
{
    public const string Name = "rank";

    protected override IReadOnlyList<Individual> PerformSelect(IReadOnlyList<Individual> population, int count, Rng rng)
    {
        var weights = Weights(population);
        var chosen = new Individual[count];
        for (int i = 0; i < count; i++) chosen[i] = population[rng.NextWeightedIndex(weights)];
        return chosen;
    }

    public static double[] Weights(IReadOnlyList<Individual> population)
    {
        var weights = new double[population.Count];
        var completed = FitnessOrder.BestFirst(population).Where(i => !population[i].IsFailed).ToArray();
        if (completed.Length == 0)
        {
            Array.Fill(weights, 1.0);
            return weights;
        }
        for (int start = 0; start < completed.Length;)
        {
            int end = start;
            while (end + 1 < completed.Length && population[completed[end + 1]].Fitness == population[completed[start]].Fitness) end++;
            // Positions start..end hold weights n - start .. n - end; give each their average.
            double shared = completed.Length - (start + end) / 2.0;
            for (int k = start; k <= end; k++) weights[completed[k]] = shared;
            start = end + 1;
        }
        return weights;
    }

    public override OperatorSpec Describe() => new(Name);
}
