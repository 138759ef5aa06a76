using EvoMerge.Fitness.Irt;
using Subsets = EvoMerge.Fitness.Subsets;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// IRT-estimated fitness: the problem's sources and simple merges and a few uniform random candidates
/// are scored in full (<see cref="IrtCalibrationSet"/>); each search candidate is scored on anchors only and its
/// fitness is the chosen estimate (<see cref="CheapFitnessBudget.IrtFitness"/>): on anchors fixed by the
/// calibration, or, for <see cref="IrtFitness.Neighbour"/> and <see cref="IrtFitness.Completion"/>, on anchors
/// drawn for that candidate from the models scored in full so far (<see cref="FullyScoredSet"/>). With
/// <see cref="CheapFitnessBudget.Recalibration"/>, the first trials of every generation are scored in full
/// instead (their fitness is their full score) and join that set, as <c>fitness.recalibrate</c> does in a search.
/// Then the winner check, which reuses full scores it already has.
/// </summary>
public static class IrtMethod
{
    public static (MethodRun Run, IrtCalibrationSet Calibration) Run(IFitnessProblem problem, ulong seed, CheapFitnessBudget budget)
    {
        long before = problem.ExamplesEvaluated;
        var calibration = Calibrate(problem, seed, budget);
        var fullyScored = new FullyScoredSet(problem.Bounds);
        foreach (var (genes, answers) in calibration.Models) fullyScored.Add(genes, answers);
        var known = new Dictionary<string, double>(StringComparer.Ordinal);
        var rng = StreamSeeds.For(seed, StreamSeeds.CandidateAnchors);
        bool perCandidate = budget.IrtFitness is IrtFitness.Neighbour or IrtFitness.Completion;
        var trials = CmaSearchLoop.Run(problem, seed, budget, generation =>
        {
            var fitness = new double[generation.Count];
            // Estimated before any of this generation joins the set: a generation is scored as one batch.
            for (int i = budget.Recalibration; i < generation.Count; i++)
            {
                var genes = generation[i].Genes;
                fitness[i] = perCandidate
                    ? fullyScored.Estimate(budget.IrtFitness, genes, budget.Examples, rows => problem.Score(genes, rows), rng).Value
                    : calibration.Fitness(problem.Score(genes, calibration.Anchors));
            }
            for (int i = 0; i < Math.Min(budget.Recalibration, generation.Count); i++)
            {
                var answers = problem.ScoreAll(generation[i].Genes);
                fitness[i] = answers.Average();
                known[WinnerCheck.Key(generation[i].Genes)] = fitness[i];
                fullyScored.Add(generation[i].Genes, answers);
            }
            return (fitness, null);
        });
        var (winner, full) = WinnerCheck.Choose(problem, trials, budget.WinnerCheck, known);
        return (new MethodRun(problem.Task, MethodNames.Irt, seed, problem.ExamplesEvaluated - before, problem.TestAccuracy(winner), full), calibration);
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
            new AnswerCompletionEstimator(completionAnchors, responses), budget.IrtFitness)
        {
            Models = [.. calibration.Select((genes, j) => (genes, responses[j]))],
        };
    }
}
