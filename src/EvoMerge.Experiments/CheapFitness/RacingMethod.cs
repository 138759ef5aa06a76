using EvoMerge.Fitness.Racing;
using EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// Each generation is a race on growing slices of one stratified order of the fitness rows (start 32,
/// growth 2, confidence 0.95); only the best half's order is resolved, as CMA-ES recombines only
/// its best mu = lambda / 2. CMA-ES is told the race's ranks; then the winner check.
/// </summary>
public static class RacingMethod
{
    public static readonly RacingOptions Settings = new(Start: 32, Growth: 2, Confidence: 0.95);

    public static MethodRun Run(DigitsMergeProblem problem, ulong seed, CheapFitnessOptions options)
    {
        long before = problem.ExamplesEvaluated;
        var order = FixedSubset.Draw(problem.FitnessCount, StreamSeeds.For(seed, StreamSeeds.Racing), problem.Fitness.Labels).Order.ToArray();
        var race = Settings with { RankDepth = options.Population / 2 };
        var trials = CmaSearchLoop.Run(problem, seed, options, generation =>
        {
            var result = Race.Run(generation.Count, order.Length, race, (c, from, to) => problem.Score(generation[c].Genes, order[from..to]));
            var ranks = new double[generation.Count];
            for (int position = 0; position < result.Ranking.Length; position++) ranks[result.Ranking[position]] = position;
            return (result.MeanScores, ranks);
        });
        var (genes, full) = WinnerCheck.Choose(problem, trials, options.WinnerCheck);
        return new MethodRun(MethodNames.Racing, seed, problem.ExamplesEvaluated - before, problem.TestAccuracy(genes), full);
    }
}
