using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The search every method shares: CMA-ES from the problem's start and step size within its box,
/// seeded by the run seed, so methods differ only in how a generation is scored. Tolerance stops are
/// off: every method spends the same number of candidates.
/// </summary>
public static class CmaSearchLoop
{
    /// <summary>Scores a whole generation; returns each candidate's estimated fitness (higher is better) and, for methods that only know the order, the rank (0 best) to tell CMA-ES.</summary>
    public delegate (double[] Estimates, double[]? Ranks) GenerationScorer(IReadOnlyList<Candidate> generation);

    public static List<ScoredCandidate> Run(IFitnessProblem problem, ulong seed, CheapFitnessBudget budget, GenerationScorer score)
    {
        var cma = new CmaEs(new CmaEsOptions
        {
            X0 = problem.Start,
            Sigma0 = problem.Sigma0,
            PopulationSize = budget.Population,
            Bounds = problem.Bounds,
            TolX = 0, TolFun = 0, TolFunHist = 0, TolStagnation = 0,
            MaxGenerations = long.MaxValue,
            Seed = seed,
        });
        var trials = new List<ScoredCandidate>();
        while (trials.Count + budget.Population <= budget.Evaluations)
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
