using EvoMerge.Optimizers.Benchmarks;

namespace EvoMerge.Experiments.OptimizerBenchmarks;

/// <summary>What <see cref="OptimizerBenchmark.Run"/> measures and where it writes the CSV.</summary>
public sealed record OptimizerBenchmarkOptions
{
    /// <summary>CSV destination (results/benchmarks/optimizers.csv by convention); written atomically.</summary>
    public required string OutputPath { get; init; }

    /// <summary>Optimizer names among <see cref="BenchmarkOptimizerFactory.Names"/>.</summary>
    public IReadOnlyList<string> Optimizers { get; init; } = ["cmaes"];

    /// <summary>Seeds of the reference runs; the reference uses 11.</summary>
    public IReadOnlyList<ulong> Seeds { get; init; } = [.. Enumerable.Range(1, 11).Select(s => (ulong)s)];

    public IReadOnlyList<int> Dimensions { get; init; } = [10, 40];

    public IReadOnlyList<string> Functions { get; init; } = TestFunctions.Names;

    /// <summary>Binary and mixed-integer problems, run by cmaes and cmawm only.</summary>
    public IReadOnlyList<string> MixedFunctions { get; init; } = MixedIntegerFunctions.Names;

    public IReadOnlyList<int> MixedDimensions { get; init; } = [10, 20];

    /// <summary>
    /// Evaluation budget per binary or mixed-integer run, the same for cmaes and cmawm: "reached"
    /// says who found the optimum within it.
    /// </summary>
    public long MixedMaxEvaluations { get; init; } = 20_000;

    /// <summary>Dimensions of the ask/tell overhead rows.</summary>
    public IReadOnlyList<int> OverheadDimensions { get; init; } = [100, 300, 1000];

    /// <summary>Quick mode: 3 seeds, n = 10 only, overhead at n = 100 and 300 over fewer generations.</summary>
    public bool Quick { get; init; }

    /// <summary>Evaluation cap per run, a safety net for optimizers that neither converge nor stop.</summary>
    public long MaxEvaluationsPerRun { get; init; } = 1_000_000;

    /// <summary>
    /// Evaluation cap per run of the baselines (ga, nsga2, random), which do not reach 1e-8: above
    /// what CMA-ES needs on every reference function (pycma's largest median is 61,980).
    /// </summary>
    public long BaselineMaxEvaluations { get; init; } = 100_000;

    /// <summary>The effective settings after <see cref="Quick"/> is applied.</summary>
    public OptimizerBenchmarkOptions Resolved() => Quick
        ? this with
        {
            Seeds = [.. Seeds.Take(3)],
            Dimensions = [.. Dimensions.Where(d => d <= 10).DefaultIfEmpty(10)],
            MixedDimensions = [.. MixedDimensions.Where(d => d <= 10).DefaultIfEmpty(10)],
            OverheadDimensions = [.. OverheadDimensions.Where(d => d <= 300)],
            BaselineMaxEvaluations = Math.Min(BaselineMaxEvaluations, 10_000),
        }
        : this;

    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(OutputPath)) errors.Add("OutputPath is required.");
        if (Optimizers.Count == 0) errors.Add("Name at least one optimizer.");
        foreach (var name in Optimizers.Where(n => !BenchmarkOptimizerFactory.Names.Contains(n)))
            errors.Add($"Unknown optimizer '{name}' (known: {string.Join(", ", BenchmarkOptimizerFactory.Names)}).");
        foreach (var name in Functions.Where(f => !TestFunctions.Names.Contains(f)))
            errors.Add($"Unknown function '{name}' (known: {string.Join(", ", TestFunctions.Names)}).");
        foreach (var name in MixedFunctions.Where(f => !MixedIntegerFunctions.Names.Contains(f)))
            errors.Add($"Unknown mixed-integer function '{name}' (known: {string.Join(", ", MixedIntegerFunctions.Names)}).");
        if (MixedDimensions.Any(d => d < 2)) errors.Add("Mixed-integer dimensions must be at least 2.");
        if (MixedMaxEvaluations <= 0) errors.Add("MixedMaxEvaluations must be positive.");
        if (Seeds.Count == 0) errors.Add("Name at least one seed.");
        if (Dimensions.Any(d => d < 2)) errors.Add("Dimensions must be at least 2.");
        if (OverheadDimensions.Any(d => d < 2)) errors.Add("Overhead dimensions must be at least 2.");
        if (MaxEvaluationsPerRun <= 0) errors.Add("MaxEvaluationsPerRun must be positive.");
        if (BaselineMaxEvaluations <= 0) errors.Add("BaselineMaxEvaluations must be positive.");
        if (errors.Count > 0) throw new ArgumentException("Invalid benchmark options: " + string.Join(" ", errors));
    }
}
