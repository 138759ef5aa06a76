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
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(score);
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        if (candidates < 1) throw new ArgumentOutOfRangeException(nameof(candidates), "A race needs at least one candidate.");
        if (fitnessSetSize < 1) throw new ArgumentOutOfRangeException(nameof(fitnessSetSize), "A race needs at least one example.");

        var scores = new List<double>[candidates];
        for (int c = 0; c < candidates; c++) scores[c] = [];
        var verdicts = new PairVerdict[candidates, candidates];
        int pairs = candidates * (candidates - 1) / 2;
        double alphaPerPair = pairs == 0 ? 0 : (1 - options.Confidence) / pairs;
        int depth = Math.Min(options.RankDepth ?? candidates, candidates);

        var active = Enumerable.Range(0, candidates).ToList();
        int target = Math.Min(options.Start, fitnessSetSize);
        int rounds = 0;
        while (active.Count > 0)
        {
            rounds++;
            foreach (int c in active)
            {
                int from = scores[c].Count;
                if (from >= target) continue;
                var slice = score(c, from, target);
                if (slice is null || slice.Length != target - from)
                    throw new InvalidOperationException($"The scorer returned {slice?.Length ?? 0} scores for candidate {c}, examples {from}..{target - 1}; expected {target - from}.");
                scores[c].AddRange(slice);
            }

            UpdateVerdicts(scores, verdicts, fitnessSetSize, alphaPerPair);
            active = StillUndecided(scores, verdicts, depth, fitnessSetSize);
            if (target == fitnessSetSize) break;
            target = (int)Math.Min(fitnessSetSize, Math.Max(target + 1L, (long)Math.Ceiling(target * options.Growth)));
        }

        var used = scores.Select(s => s.Count).ToArray();
        var means = scores.Select(s => Mean(s)).ToArray();
        var wins = new int[candidates];
        for (int i = 0; i < candidates; i++)
            for (int j = 0; j < candidates; j++)
                if (verdicts[i, j] == PairVerdict.FirstBetter) wins[i]++;
        var ranking = Enumerable.Range(0, candidates)
            .OrderByDescending(c => wins[c]).ThenByDescending(c => means[c]).ThenBy(c => c)
            .ToArray();
        return new RaceResult(ranking, used, means, rounds);
    }

    static void UpdateVerdicts(List<double>[] scores, PairVerdict[,] verdicts, int populationSize, double alpha)
    {
        int count = scores.Length;
        for (int i = 0; i < count; i++)
            for (int j = i + 1; j < count; j++)
            {
                if (verdicts[i, j] != PairVerdict.Undecided) continue;
                int shared = Math.Min(scores[i].Count, scores[j].Count);
                var a = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scores[i])[..shared];
                var b = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scores[j])[..shared];
                var verdict = PairedComparison.Compare(a, b, populationSize, alpha);
                verdicts[i, j] = verdict;
                verdicts[j, i] = Mirror(verdict);
            }
    }

    /// <summary>Candidates with a pair that still matters and is undecided: a pair stops mattering when both are certainly below the leading <paramref name="depth"/> ranks.</summary>
    static List<int> StillUndecided(List<double>[] scores, PairVerdict[,] verdicts, int depth, int populationSize)
    {
        int count = scores.Length;
        var out_ = new bool[count];
        for (int i = 0; i < count; i++)
        {
            int certainlyBetter = 0;
            for (int j = 0; j < count; j++) if (verdicts[j, i] == PairVerdict.FirstBetter) certainlyBetter++;
            out_[i] = certainlyBetter >= depth;
        }
        var active = new List<int>();
        for (int i = 0; i < count; i++)
        {
            if (scores[i].Count >= populationSize) continue;
            for (int j = 0; j < count; j++)
                if (j != i && verdicts[i, j] == PairVerdict.Undecided && !(out_[i] && out_[j])) { active.Add(i); break; }
        }
        return active;
    }

    static PairVerdict Mirror(PairVerdict verdict) => verdict switch
    {
        PairVerdict.FirstBetter => PairVerdict.SecondBetter,
        PairVerdict.SecondBetter => PairVerdict.FirstBetter,
        _ => verdict,
    };

    static double Mean(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Count;
    }
}
