using EvoMerge.Fitness.Irt;
using Subsets = EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// IRT-estimated fitness: the problem's sources and simple merges and a few uniform random candidates
/// are scored in full; a 2PL model is fitted to their answers and anchors are chosen by clustering
/// (<see cref="IrtCalibrationSet"/>); each search candidate is scored on the anchors only and its
/// fitness is the chosen estimate (<see cref="CheapFitnessBudget.IrtFitness"/>); then the winner check.
/// </summary>
public static class IrtMethod
{
    public static (MethodRun Run, IrtCalibrationSet Calibration) Run(IFitnessProblem problem, ulong seed, CheapFitnessBudget budget)
    {
        long before = problem.ExamplesEvaluated;
        var calibration = Calibrate(problem, seed, budget);
        var anchors = calibration.Anchors;
        var trials = CmaSearchLoop.Run(problem, seed, budget, generation =>
            ([.. generation.Select(c => calibration.Fitness(problem.Score(c.Genes, anchors)))], null));
        var (genes, full) = WinnerCheck.Choose(problem, trials, budget.WinnerCheck);
        return (new MethodRun(problem.Task, MethodNames.Irt, seed, problem.ExamplesEvaluated - before, problem.TestAccuracy(genes), full), calibration);
    }

    public static IrtCalibrationSet Calibrate(IFitnessProblem problem, ulong seed, CheapFitnessBudget budget)
    {
        var calibration = problem.CalibrationPoints().ToList();
        var rng = StreamSeeds.For(seed, StreamSeeds.Calibration);
        var box = problem.Bounds;
        for (int r = 0; r < budget.CalibrationRandomCandidates; r++)
            calibration.Add([.. Enumerable.Range(0, problem.GeneCount).Select(g => rng.NextDouble(box.Lower[g], box.Upper[g]))]);

        var responses = calibration.Select(genes => problem.ScoreAll(genes)).ToArray();
        var model = IrtFitter.Fit(responses);
        var anchorRng = StreamSeeds.For(seed, StreamSeeds.Anchors);
        var anchors = budget.StratifiedAnchors && problem.Strata is { } strata
            ? StratifiedAnchorSelection.Select(model, budget.Examples, strata, anchorRng)
            : AnchorSelection.Select(model, budget.Examples, anchorRng);
        var responseAnchors = ResponseAnchorSelection.Select(responses, budget.Examples, StreamSeeds.For(seed, StreamSeeds.ResponseAnchors));
        var completionAnchors = Subsets.FixedSubset.Draw(responses[0].Length, StreamSeeds.For(seed, StreamSeeds.CompletionAnchors)).Take(budget.Examples);
        return new IrtCalibrationSet(new AnchorEstimator(model, anchors, responses), new ReferenceDifferenceEstimator(responseAnchors, responses),
            new AnswerCompletionEstimator(completionAnchors, responses), budget.IrtFitness);
    }
}
