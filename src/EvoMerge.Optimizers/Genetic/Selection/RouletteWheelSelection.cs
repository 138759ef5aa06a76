using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Genetic.Selection;

/// <summary>
/// Fitness-proportional choice for a minimized fitness. Raw values cannot serve as weights (smaller
/// is better, and they may be negative), so each completed individual gets the weight
/// <c>w = (f_worst − f) + (f_worst − f_best) / n</c> over the n completed individuals: the best gets
/// the most, the worst a small but non-zero share, and the probabilities do not change when the
/// fitness is shifted or scaled by a positive factor. Failed individuals get weight 0; when all
/// completed individuals are equal, or none completed, the choice is uniform over the completed
/// ones (or over everyone). Draws are with replacement.
/// </summary>
public sealed class RouletteWheelSelection : SelectionBase
{
    public const string Name = "roulette";

    protected override IReadOnlyList<Individual> PerformSelect(IReadOnlyList<Individual> population, int count, Rng rng)
    {
        var weights = Weights(population);
        var chosen = new Individual[count];
        for (int i = 0; i < count; i++) chosen[i] = population[rng.NextWeightedIndex(weights)];
        return chosen;
    }

    /// <summary>The selection weights described above (exposed for tests and diagnostics).</summary>
    public static double[] Weights(IReadOnlyList<Individual> population)
    {
        var completed = population.Where(i => !i.IsFailed).Select(i => i.Fitness).ToList();
        var weights = new double[population.Count];
        if (completed.Count == 0)
        {
            Array.Fill(weights, 1.0);
            return weights;
        }
        double best = completed.Min(), worst = completed.Max();
        double range = worst - best;
        for (int i = 0; i < population.Count; i++)
        {
            if (population[i].IsFailed) continue;
            weights[i] = range > 0 ? worst - population[i].Fitness + range / completed.Count : 1.0;
        }
        return weights;
    }

    public override OperatorSpec Describe() => new(Name);
}
