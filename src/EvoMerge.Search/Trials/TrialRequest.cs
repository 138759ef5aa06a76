using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Trials;

/// <summary>
/// Everything a worker needs to evaluate one candidate besides the config: plain data, so it can cross a
/// process boundary as JSON. <paramref name="RunId"/> and <paramref name="ConfigHash"/> let a worker refuse a
/// request meant for another run or config; <paramref name="Seed"/> fixes the trial's random merge choices
/// (<see cref="Genomes.TrialSeeds.For"/> of the run seed and the trial id).
/// </summary>
public sealed record TrialRequest(string RunId, string ConfigHash, long TrialId, int Generation, double[] Genes, long Seed)
{
    /// <summary>Score only these positions of each task's seeded fitness order (a race's slice); null: the whole fitness set.</summary>
    public FitnessSlice? Slice { get; init; }

    /// <summary>
    /// Score only these examples of each task (per task in config order, ascending indices into its fitness
    /// examples: the anchors of <c>estimator: irt</c>); null: the whole fitness set.
    /// </summary>
    public int[][]? Anchors { get; init; }
}
