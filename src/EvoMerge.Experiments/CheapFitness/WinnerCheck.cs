namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The end of a cheap search: the best K trials by estimated fitness are re-scored on the full fitness
/// set and the best of those by full score is the winner, so an estimate's luck (the winner's curse)
/// does not pick the model. The re-scoring counts as search work.
/// </summary>
public static class WinnerCheck
{
    /// <param name="knownFull">Full scores the search already has, by <see cref="Key"/>: reused, not re-scored.</param>
    public static (double[] Genes, double FullFitness) Choose(IFitnessProblem problem, IReadOnlyList<ScoredCandidate> trials, int k, IReadOnlyDictionary<string, double>? knownFull = null)
    {
        // Distinct recipes only: CMA-ES may propose the same clipped point twice.
        var top = trials.Select((t, i) => (t, i))
            .OrderByDescending(x => x.t.Estimate).ThenBy(x => x.i)
            .Select(x => x.t)
            .DistinctBy(t => Key(t.Genes))
            .Take(k)
            .ToList();
        var scored = top.Select(t => (t.Genes, Full: knownFull is not null && knownFull.TryGetValue(Key(t.Genes), out double f) ? f : problem.ScoreAll(t.Genes).Average())).ToList();
        return scored.MaxBy(s => s.Full);
    }

    /// <summary>A recipe's identity: its genes, written exactly.</summary>
    public static string Key(IReadOnlyList<double> genes) => string.Join(',', genes.Select(g => g.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}
