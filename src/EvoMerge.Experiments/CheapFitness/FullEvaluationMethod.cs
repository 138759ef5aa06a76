namespace EvoMerge.Experiments.CheapFitness;

/// <summary>The baseline: every candidate scored on every fitness row; the winner is the best trial. Keeps every trial's per-example scores for the estimator study.</summary>
public static class FullEvaluationMethod
{
    public static (MethodRun Run, List<(double[] Genes, double[] Scores)> Trials) Run(IFitnessProblem problem, ulong seed, CheapFitnessBudget budget)
    {
        long before = problem.ExamplesEvaluated;
        var kept = new List<(double[] Genes, double[] Scores)>();
        var trials = CmaSearchLoop.Run(problem, seed, budget, generation =>
        {
            var scores = generation.Select(c => problem.ScoreAll(c.Genes)).ToArray();
            kept.AddRange(generation.Select((c, i) => (c.Genes, scores[i])));
            return ([.. scores.Select(s => s.Average())], null);
        });
        var best = trials.Select((t, i) => (t, i)).OrderByDescending(x => x.t.Estimate).ThenBy(x => x.i).First().t;
        return (new MethodRun(problem.Task, MethodNames.Full, seed, problem.ExamplesEvaluated - before, problem.TestAccuracy(best.Genes), best.Estimate), kept);
    }
}
