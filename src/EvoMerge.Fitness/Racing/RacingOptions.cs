namespace EvoMerge.Fitness.Racing;

/// <summary>
/// How a race grows its slices: every candidate starts with <see cref="Start"/> examples, each
/// further round multiplies the slice by <see cref="Growth"/> for the candidates still undecided, up
/// to the full fitness set. <see cref="Confidence"/> is the family-wise confidence that every pair
/// the race declares decided is ordered as full evaluation would order it (1 means: decide only on
/// the full set, i.e. exactly the full ranking). <see cref="RankDepth"/> is how many leading ranks
/// matter (CMA-ES uses the best half); null means all.
/// </summary>
public sealed record RacingOptions(int Start = 32, double Growth = 2.0, double Confidence = 0.95, int? RankDepth = null)
{
    /// <summary>Every problem with the options, each naming the field (empty when they are usable).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Start < 2) problems.Add($"racing.start is {Start}; it must be at least 2 (a confidence bound needs two examples).");
        if (!(Growth > 1.0) || double.IsInfinity(Growth)) problems.Add($"racing.growth is {Growth}; it must be a finite number above 1.");
        if (!(Confidence > 0.0 && Confidence <= 1.0)) problems.Add($"racing.confidence is {Confidence}; it must be in (0, 1].");
        if (RankDepth is < 1) problems.Add($"racing.rank_depth is {RankDepth}; it must be at least 1 (or left out for all ranks).");
        return problems;
    }
}
