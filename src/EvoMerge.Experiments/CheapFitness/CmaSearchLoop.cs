using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The search every method shares: CMA-ES over the demo genome (start at weight 1 for every task
/// vector, sigma0 0.3, the experiment's population), seeded by the run seed, so methods differ only
/// in how a generation is scored. Tolerance stops are off: every method spends the same number of
/// candidates.
/// </summary>
public static class CmaSearchLoop
{
    /// <summary>Scores a whole generation; returns each candidate's estimated fitness (higher is better) and, for methods that only know the order, the rank (0 best) to tell CMA-ES.</summary>
    public delegate (double[] Estimates, double[]? Ranks) GenerationScorer(IReadOnlyList<Candidate> generation);

    public static List<ScoredCandidate> Run(DigitsMergeProblem problem, ulong seed, CheapFitnessOptions options, GenerationScorer score)
    {
        int n = problem.GeneCount;
        var cma = new CmaEs(new CmaEsOptions
        {
            X0 = [.. Enumerable.Repeat(1.0, n)],
            Sigma0 = 0.3,
            PopulationSize = options.Population,
            Bounds = Bounds.Uniform(n, DigitsMergeProblem.Lower, DigitsMergeProblem.Upper),
            TolX = 0, TolFun = 0, TolFunHist = 0, TolStagnation = 0,
            MaxGenerations = long.MaxValue,
            Seed = seed,
        });
        var trials = new List<ScoredCandidate>();
        while (trials.Count + options.Population <= options.Evaluations)
        {
            var generation = cma.Ask();
            var (estimates, ranks) = score(generation);
            var objectives = ranks ?? [.. estimates.Select(e => -e)];
            cma.Tell([.. generation.Select((c, i) => TrialOutcome.Success(c.Id, [objectives[i]]))]);
            trials.AddRange(generation.Select((c, i) => new ScoredCandidate(c.Genes, estimates[i])));
            if (cma.Stop().Count > 0) break;
        }
        return trials;
    }
}
