namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The end of a cheap search: the best K trials by estimated fitness are re-scored on the full fitness
/// set and the best of those by full score is the winner, so an estimate's luck (the winner's curse)
/// does not pick the model. The re-scoring counts as search work.
/// </summary>
public static class WinnerCheck
{
    public static (double[] Genes, double FullFitness) Choose(IFitnessProblem problem, IReadOnlyList<ScoredCandidate> trials, int k)
    {
        // Distinct recipes only: CMA-ES may propose the same clipped point twice.
        var top = trials.Select((t, i) => (t, i))
            .OrderByDescending(x => x.t.Estimate).ThenBy(x => x.i)
            .Select(x => x.t)
            .DistinctBy(t => string.Join(',', t.Genes.Select(g => g.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))
            .Take(k)
            .ToList();
        var scored = top.Select(t => (t.Genes, Full: problem.ScoreAll(t.Genes).Average())).ToList();
        return scored.MaxBy(s => s.Full);
    }
}
