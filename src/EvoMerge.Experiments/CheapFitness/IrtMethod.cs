using EvoMerge.Fitness.Irt;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// IRT-estimated fitness: the sources (base and both experts), simple merges (every weight 0.25,
/// 0.5, 0.75, 1 and 1.25) and a few uniform random candidates are scored in full; a 2PL model is
/// fitted to their answers; anchors are chosen by clustering the items; each search candidate is
/// scored on the anchors only and its fitness is the gp-IRT estimate; then the winner check.
/// </summary>
public static class IrtMethod
{
    public static (MethodRun Run, AnchorEstimator Estimator) Run(DigitsMergeProblem problem, ulong seed, CheapFitnessOptions options)
    {
        long before = problem.ExamplesEvaluated;
        var estimator = Calibrate(problem, seed, options);
        var anchors = estimator.Anchors.Items;
        var trials = CmaSearchLoop.Run(problem, seed, options, generation =>
            ([.. generation.Select(c => estimator.Estimate(problem.Score(c.Genes, anchors)).GpIrt.Value)], null));
        var (genes, full) = WinnerCheck.Choose(problem, trials, options.WinnerCheck);
        return (new MethodRun(MethodNames.Irt, seed, problem.ExamplesEvaluated - before, problem.TestAccuracy(genes), full), estimator);
    }

    public static AnchorEstimator Calibrate(DigitsMergeProblem problem, ulong seed, CheapFitnessOptions options)
    {
        int n = problem.GeneCount;
        var calibration = new List<double[]>
        {
            new double[n], // the base
            Enumerable.Range(0, n).Select(g => g % 2 == 0 ? 1.0 : 0.0).ToArray(), // expert 0-4
            Enumerable.Range(0, n).Select(g => g % 2 == 1 ? 1.0 : 0.0).ToArray(), // expert 5-9
        };
        foreach (double w in new[] { 0.25, 0.5, 0.75, 1.0, 1.25 }) calibration.Add([.. Enumerable.Repeat(w, n)]);
        var rng = StreamSeeds.For(seed, StreamSeeds.Calibration);
        for (int r = 0; r < options.CalibrationRandomCandidates; r++)
            calibration.Add([.. Enumerable.Range(0, n).Select(_ => rng.NextDouble(DigitsMergeProblem.Lower, DigitsMergeProblem.Upper))]);

        var responses = calibration.Select(genes => problem.ScoreAll(genes)).ToArray();
        var model = IrtFitter.Fit(responses);
        var anchors = AnchorSelection.Select(model, options.Examples, StreamSeeds.For(seed, StreamSeeds.Anchors));
        return new AnchorEstimator(model, anchors, responses);
    }
}
