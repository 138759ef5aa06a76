using EvoMerge.Experiments.CheapFitness;

namespace EvoMerge.Experiments.Tests.CheapFitness;

public class IrtMethodTests
{
    const int Rows = 10, Evaluations = 12, Population = 4, Anchors = 3, RandomModels = 2, WinnerCheckSize = 2;

    static CheapFitnessBudget Budget(IrtFitness kind, int recalibration) => new()
    {
        Evaluations = Evaluations,
        Population = Population,
        Examples = Anchors,
        CalibrationRandomCandidates = RandomModels,
        WinnerCheck = WinnerCheckSize,
        IrtFitness = kind,
        Recalibration = recalibration,
    };

    [Theory]
    [InlineData(IrtFitness.Neighbour)]
    [InlineData(IrtFitness.Completion)]
    public void Recalibration_scores_the_first_trial_of_each_generation_in_full_and_the_rest_on_anchors_drawn_for_them(IrtFitness kind)
    {
        using var problem = new ThresholdProblem();
        var (run, _) = IrtMethod.Run(problem, 42, Budget(kind, recalibration: 1));
        int generations = Evaluations / Population;
        int calibration = (2 + RandomModels) * Rows, recalibrated = generations * Rows, anchored = (Evaluations - generations) * Anchors;
        // The winner check re-scores at most its 2 trials, and none that the recalibration already scored in full.
        Assert.InRange(run.ExamplesEvaluated, calibration + recalibrated + anchored, calibration + recalibrated + anchored + WinnerCheckSize * Rows);
    }

    [Fact]
    public void Without_recalibration_every_search_trial_is_scored_on_anchors()
    {
        using var problem = new ThresholdProblem();
        var (run, _) = IrtMethod.Run(problem, 42, Budget(IrtFitness.Neighbour, recalibration: 0));
        int fixedCost = (2 + RandomModels) * Rows + Evaluations * Anchors;
        Assert.InRange(run.ExamplesEvaluated, fixedCost + Rows, fixedCost + WinnerCheckSize * Rows);
    }

    [Fact]
    public void Runs_are_reproducible_under_the_seed()
    {
        MethodRun Run(ulong seed)
        {
            using var problem = new ThresholdProblem();
            return IrtMethod.Run(problem, seed, Budget(IrtFitness.Neighbour, recalibration: 1)).Run;
        }
        Assert.Equal(Run(7), Run(7));
    }

    [Fact]
    public void A_recalibration_as_large_as_the_population_is_refused_with_the_field_named()
    {
        var problems = Budget(IrtFitness.Neighbour, recalibration: Population).Problems("digits");
        Assert.Contains(problems, p => p.Contains("digits: recalibration (4)", StringComparison.Ordinal));
        Assert.Contains(Budget(IrtFitness.Neighbour, recalibration: -1).Problems("digits"), p => p.Contains("recalibration (-1)", StringComparison.Ordinal));
    }
}
