using EvoMerge.Core.Optimization;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// A merge search's fitness as the cheap-fitness methods see it: a genome (start, step size, box),
/// per-example correctness of a candidate on chosen fitness rows, the winner's test accuracy, and the
/// candidates IRT is calibrated on. Counts every fitness example it scores, so methods are compared
/// by examples evaluated; test rows are never counted (they are only reported).
/// </summary>
public interface IFitnessProblem : IDisposable
{
    /// <summary>The <c>task</c> column of table.csv.</summary>
    string Task { get; }

    int GeneCount { get; }

    Bounds Bounds { get; }

    /// <summary>Where CMA-ES starts.</summary>
    double[] Start { get; }

    double Sigma0 { get; }

    int FitnessCount { get; }

    /// <summary>A label per fitness row that subsets are stratified by (common random numbers keep every stratum's share); null: uniform.</summary>
    IReadOnlyList<int>? Strata { get; }

    long ExamplesEvaluated { get; }

    /// <summary>Per-example correctness (1/0) on the fitness rows at <paramref name="rows"/>, in that order.</summary>
    double[] Score(IReadOnlyList<double> genes, IReadOnlyList<int> rows);

    /// <summary>Per-example correctness on every fitness row.</summary>
    double[] ScoreAll(IReadOnlyList<double> genes);

    /// <summary>Accuracy on the test rows (reported only; not counted as search work).</summary>
    double TestAccuracy(IReadOnlyList<double> genes);

    /// <summary>The sources and simple merges as gene vectors: the fixed part of IRT's calibration set.</summary>
    IReadOnlyList<double[]> CalibrationPoints();
}
