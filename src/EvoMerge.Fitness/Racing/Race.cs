namespace EvoMerge.Fitness.Racing;

/// <summary>
/// Racing for one generation (in the spirit of Hoeffding/F-races, Maron and Moore 1994; Birattari
/// et al. 2002): all candidates are scored on a first slice of the fitness set, and only candidates
/// with a pair still undecided get the next, larger slice. Pairs are compared on the examples both
/// have seen, with a Bonferroni split of <c>1 - confidence</c> over all pairs; once a pair is decided
/// its verdict is kept. The ranking counts for each candidate the others it beats (Copeland score),
/// then breaks ties by mean score and index, so with every pair decided on the full set it is exactly
/// the full-evaluation ranking.
/// </summary>
public static class Race
{
    /// <summary>Scores candidate <c>candidate</c> on positions <c>[from, to)</c> of the fitness order; one score per example, higher is better.</summary>
    public delegate double[] SliceScorer(int candidate, int from, int to);

    public static RaceResult Run(int candidates, int fitnessSetSize, RacingOptions options, SliceScorer score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var race = new RaceRounds(candidates, fitnessSetSize, options);
        do
        {
            foreach (var slice in race.Wanted)
            {
                var scores = score(slice.Candidate, slice.From, slice.To);
                if (scores is null || scores.Length != slice.To - slice.From)
                    throw new InvalidOperationException($"The scorer returned {scores?.Length ?? 0} scores for candidate {slice.Candidate}, examples {slice.From}..{slice.To - 1}; expected {slice.To - slice.From}.");
                race.Record(slice.Candidate, scores);
            }
        }
        while (race.Advance());
        return race.Result();
    }
}
