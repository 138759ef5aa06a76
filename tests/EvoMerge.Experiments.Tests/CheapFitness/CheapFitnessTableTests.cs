using EvoMerge.Experiments.CheapFitness;

namespace EvoMerge.Experiments.Tests.CheapFitness;

public class CheapFitnessTableTests
{
    [Fact]
    public void Summary_rows_hold_means_standard_errors_and_the_matching_estimator_error()
    {
        MethodRun[] runs =
        [
            new("digits", MethodNames.Full, 1, 1000, 0.80, 0.8), new("digits", MethodNames.Full, 2, 1000, 0.90, 0.9),
            new("digits", MethodNames.Irt, 1, 100, 0.70, 0.7), new("digits", MethodNames.Irt, 2, 300, 0.90, 0.9),
        ];
        EstimatorErrors[] errors = [new("digits", 1, 0.05, 0.05, 0.2, 0.03, 0.05, 0.045, 0.04, 0.02, 10), new("digits", 2, 0.07, 0.07, 0.2, 0.03, 0.07, 0.065, 0.06, 0.02, 10)];

        var rows = CheapFitnessTable.Summarize(runs, errors);

        Assert.Equal([MethodNames.Full, MethodNames.Irt], rows.Select(r => r.Method));
        var full = rows[0];
        Assert.Equal(0.85, full.TestAccuracy, 12);
        Assert.Equal(0.05, full.TestAccuracyStderr, 12); // sd 0.0707 / sqrt(2)
        Assert.Null(full.EstimatorMae);
        var irt = rows[1];
        Assert.Equal(200, irt.ExamplesEvaluated);
        Assert.Equal(0.06, irt.EstimatorMae!.Value, 12); // the irt column (the estimate the IRT method searched with), averaged over seeds
    }

    [Fact]
    public void Options_with_too_few_seeds_or_generations_are_refused_all_at_once()
    {
        var options = new CheapFitnessOptions { Seeds = 1, Digits = new() { Evaluations = 5, Population = 10, Examples = 64, CalibrationRandomCandidates = 0 }, ResultsFolder = "r", DataPath = "d" };
        var problems = options.Problems();
        Assert.Contains(problems, p => p.Contains("--seeds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("evaluations", StringComparison.Ordinal));
    }
}
