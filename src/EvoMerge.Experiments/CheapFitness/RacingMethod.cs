using EvoMerge.Fitness.Racing;
using EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// Each generation is a race on growing slices of one stratified order of the fitness rows (the
/// budget's racing settings); only the best half's order is resolved, as CMA-ES recombines only its
/// best mu = lambda / 2. CMA-ES is told the race's ranks; then the winner check.
/// </summary>
public static class RacingMethod
{
    public static MethodRun Run(IFitnessProblem problem, ulong seed, CheapFitnessBudget budget)
    {
        long before = problem.ExamplesEvaluated;
        var order = FixedSubset.Draw(problem.FitnessCount, StreamSeeds.For(seed, StreamSeeds.Racing), problem.Strata).Order.ToArray();
        var race = budget.Racing with { RankDepth = budget.Population / 2 };
        var trials = CmaSearchLoop.Run(problem, seed, budget, generation =>
        {
            var result = Race.Run(generation.Count, order.Length, race, (c, from, to) => problem.Score(generation[c].Genes, order[from..to]));
            var ranks = new double[generation.Count];
            for (int position = 0; position < result.Ranking.Length; position++) ranks[result.Ranking[position]] = position;
            return (result.MeanScores, ranks);
        });
        var (genes, full) = WinnerCheck.Choose(problem, trials, budget.WinnerCheck);
        return new MethodRun(problem.Task, MethodNames.Racing, seed, problem.ExamplesEvaluated - before, problem.TestAccuracy(genes), full);
    }
}
