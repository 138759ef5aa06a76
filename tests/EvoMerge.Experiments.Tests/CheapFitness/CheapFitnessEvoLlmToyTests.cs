using System.Globalization;
using EvoMerge.Experiments.CheapFitness;
using EvoMerge.Experiments.Tests.EvoLlmToy;

namespace EvoMerge.Experiments.Tests.CheapFitness;

/// <summary>The evollm-toy half of the experiment at a tiny size: tiny toy models, 2 generations of 4, 4 examples of 12.</summary>
public sealed class CheapFitnessEvoLlmToyTests : IDisposable
{
    const int Evaluations = 8, Population = 4, Examples = 4, Calibration = 2, WinnerCheck = 2;

    readonly TempFolder _folder = new("cheap-fitness-toy");

    public void Dispose() => _folder.Dispose();

    CheapFitnessOptions Options(string results) => new()
    {
        Seeds = 2,
        Tasks = [CheapFitnessOptions.EvoLlmToyTask],
        EvoLlmToy = new() { Evaluations = Evaluations, Population = Population, Examples = Examples, CalibrationRandomCandidates = Calibration, WinnerCheck = WinnerCheck },
        ResultsFolder = _folder.Combine(results),
        DataPath = _folder.Combine("no-digits-needed.csv.gz"),
        ToyAssetsFolder = _folder.Combine("assets"),
        ToyAssets = TinyToyOptions.Assets,
    };

    [Fact]
    public void Writes_one_row_per_method_with_counts_that_match_the_budget_and_reproduces_them()
    {
        var rows = CheapFitnessExperiment.Run(Options("results"), TextWriter.Null);

        int dev = TinyToyOptions.Corpus.DevItems;
        Assert.Equal(MethodNames.All, rows.Select(r => r.Method));
        Assert.All(rows, r =>
        {
            Assert.Equal("evollm-toy", r.Task);
            Assert.Equal(2, r.Seeds);
            Assert.InRange(r.TestAccuracy, 0, 1);
            Assert.InRange(r.TestAccuracyStderr, 0, 1);
        });
        var by = rows.ToDictionary(r => r.Method);
        Assert.Equal(Evaluations * dev, by[MethodNames.Full].ExamplesEvaluated);
        // Subsets: every candidate on Examples rows, then the winner check re-scores at most WinnerCheck trials in full.
        foreach (var subset in new[] { MethodNames.RandomSubset, MethodNames.FixedSubset })
            Assert.InRange(by[subset].ExamplesEvaluated, Evaluations * Examples + dev, Evaluations * Examples + WinnerCheck * dev);
        // Racing: at least the first slice of every candidate, at most every example plus the winner check.
        Assert.InRange(by[MethodNames.Racing].ExamplesEvaluated, Evaluations * 4, Evaluations * dev + WinnerCheck * dev);
        // IRT: the calibration models in full (base, 2 experts, start, 2 simple merges, random ones), then anchors.
        int calibration = (6 + Calibration) * dev;
        Assert.InRange(by[MethodNames.Irt].ExamplesEvaluated, calibration + Evaluations * Examples + dev, calibration + Evaluations * Examples + WinnerCheck * dev);
        Assert.Null(by[MethodNames.Full].EstimatorMae);
        Assert.Null(by[MethodNames.Racing].EstimatorMae);
        foreach (var estimated in new[] { MethodNames.RandomSubset, MethodNames.FixedSubset, MethodNames.Irt })
            Assert.InRange(by[estimated].EstimatorMae!.Value, 0, 1);

        var table = File.ReadAllLines(_folder.Combine("results", "table.csv"));
        Assert.Equal("task,method,seeds,examples_evaluated,test_accuracy,test_accuracy_stderr,estimator_mae", table[0]);
        Assert.Equal(1 + MethodNames.All.Count, table.Length);
        Assert.Equal(rows.Select(r => r.ExamplesEvaluated.ToString("F0", CultureInfo.InvariantCulture)), table.Skip(1).Select(l => l.Split(',')[3]));
        Assert.Equal(1 + 2 * MethodNames.All.Count, File.ReadAllLines(_folder.Combine("results", "runs.csv")).Length);
        Assert.Equal(1 + 2, File.ReadAllLines(_folder.Combine("results", "errors.csv")).Length);
        Assert.True(new FileInfo(_folder.Combine("results", "test_accuracy_vs_examples.png")).Length > 0);

        // Seeded: the same options give the same runs (the assets are reused, not retrained).
        CheapFitnessExperiment.Run(Options("again"), TextWriter.Null);
        Assert.Equal(File.ReadAllText(_folder.Combine("results", "runs.csv")), File.ReadAllText(_folder.Combine("again", "runs.csv")));
        Assert.Equal(File.ReadAllText(_folder.Combine("results", "errors.csv")), File.ReadAllText(_folder.Combine("again", "errors.csv")));
    }

    [Fact]
    public void Unknown_tasks_and_a_missing_assets_folder_are_refused_together()
    {
        var options = Options("r") with { Tasks = ["evollm-toy", "mnist"], ToyAssetsFolder = null };
        var error = Assert.Throws<ArgumentException>(() => CheapFitnessExperiment.Run(options, TextWriter.Null));
        Assert.Contains("unknown task 'mnist'", error.Message, StringComparison.Ordinal);
        Assert.Contains("assets folder", error.Message, StringComparison.Ordinal);
    }
}
