using EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// Every candidate scored on <c>n</c> fitness rows: the same stratified seeded rows for all
/// (<c>fixed_subset</c>, common random numbers) or fresh uniform rows per candidate
/// (<c>random_subset</c>); then the winner check.
/// </summary>
public static class SubsetMethod
{
    public static MethodRun Run(IFitnessProblem problem, ulong seed, CheapFitnessBudget budget, bool fixedRows)
    {
        long before = problem.ExamplesEvaluated;
        int n = budget.Examples;
        var fixedSubset = FixedSubset.Draw(problem.FitnessCount, StreamSeeds.For(seed, StreamSeeds.FixedSubset), problem.Strata).Take(n);
        var random = StreamSeeds.For(seed, StreamSeeds.RandomSubset);
        var trials = CmaSearchLoop.Run(problem, seed, budget, generation =>
        {
            var estimates = generation.Select(c =>
            {
                var rows = fixedRows ? fixedSubset : FixedSubset.Draw(problem.FitnessCount, random).Take(n);
                return problem.Score(c.Genes, rows).Average();
            }).ToArray();
            return (estimates, null);
        });
        var (genes, full) = WinnerCheck.Choose(problem, trials, budget.WinnerCheck);
        string name = fixedRows ? MethodNames.FixedSubset : MethodNames.RandomSubset;
        return new MethodRun(problem.Task, name, seed, problem.ExamplesEvaluated - before, problem.TestAccuracy(genes), full);
    }
}
