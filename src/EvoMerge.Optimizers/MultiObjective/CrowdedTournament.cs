using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.MultiObjective;

/// <summary>
/// Binary tournament on the crowded comparison: two distinct members drawn uniformly; the lower rank
/// wins, then the larger crowding distance; a full tie is settled by a coin flip.
/// </summary>
internal static class CrowdedTournament
{
    public static Nsga2Individual Pick(IReadOnlyList<Nsga2Individual> population, Rng rng)
    {
        int first = rng.NextInt(population.Count);
        if (population.Count == 1) return population[first];
        int second = rng.NextInt(population.Count - 1);
        if (second >= first) second++;
        var (a, b) = (population[first], population[second]);
        if (a.Rank != b.Rank) return a.Rank < b.Rank ? a : b;
        if (a.Crowding != b.Crowding) return a.Crowding > b.Crowding ? a : b;
        return rng.NextDouble() < 0.5 ? a : b;
    }
}
