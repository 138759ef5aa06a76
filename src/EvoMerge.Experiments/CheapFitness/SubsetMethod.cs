using EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// Every candidate scored on <c>n</c> fitness rows: the same stratified seeded rows for all
/// (<c>fixed_subset</c>, common random numbers) or fresh uniform rows per candidate
/// (<c>random_subset</c>); then the winner check.
/// </summary>
public static class SubsetMethod
{
    public static MethodRun Run(DigitsMergeProblem problem, ulong seed, CheapFitnessOptions options, bool fixedRows)
    {
        long before = problem.ExamplesEvaluated;
        int n = options.Examples;
        var labels = problem.Fitness.Labels;
        var fixedSubset = FixedSubset.Draw(problem.FitnessCount, StreamSeeds.For(seed, StreamSeeds.FixedSubset), labels).Take(n);
        var random = StreamSeeds.For(seed, StreamSeeds.RandomSubset);
        var trials = CmaSearchLoop.Run(problem, seed, options, generation =>
        {
            var estimates = generation.Select(c =>
            {
                var rows = fixedRows ? fixedSubset : FixedSubset.Draw(problem.FitnessCount, random).Take(n);
                return problem.Score(c.Genes, rows).Average();
            }).ToArray();
            return (estimates, null);
        });
        var (genes, full) = WinnerCheck.Choose(problem, trials, options.WinnerCheck);
        string name = fixedRows ? MethodNames.FixedSubset : MethodNames.RandomSubset;
        return new MethodRun(name, seed, problem.ExamplesEvaluated - before, problem.TestAccuracy(genes), full);
    }
}
