using EvoMerge.Fitness.Stopping;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Config;

namespace EvoMerge.Search.Running;

/// <summary>
/// The <c>budget.patience</c> stop, decided from the journal alone: the best first objective of each
/// finished generation, in generation order, fed to a <see cref="Plateau"/>. Nothing is kept between
/// calls, so a resumed run decides exactly as the uninterrupted one.
/// </summary>
internal static class PlateauStop
{
    /// <summary>The stop reason once the plateau rule fires after the generations before <paramref name="nextGeneration"/>; null otherwise.</summary>
    public static string? Reason(PatienceSpec patience, RunState state, int nextGeneration)
    {
        var plateau = new Plateau(patience.Generations, patience.MinDelta);
        var bestByGeneration = state.Trials
            .Where(t => t.Completion is not null && t.Completion.Objectives.Count > 0)
            .GroupBy(t => t.Generation)
            .ToDictionary(g => g.Key, g => g.Max(t => t.Completion!.Objectives[0]));
        for (int generation = 0; generation < nextGeneration; generation++)
        {
            // Objectives are maximized; the rule, like the optimizers, minimizes.
            double best = bestByGeneration.TryGetValue(generation, out double value) ? -value : double.NaN;
            if (plateau.Observe(best))
                return $"patience: the best objective did not improve by more than {patience.MinDelta} for {patience.Generations} generations " +
                       $"(best {-plateau.Reference}, reached in generation {generation - patience.Generations})";
        }
        return null;
    }
}
