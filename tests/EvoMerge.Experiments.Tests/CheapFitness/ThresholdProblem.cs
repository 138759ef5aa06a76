using EvoMerge.Core.Optimization;
using EvoMerge.Experiments.CheapFitness;

namespace EvoMerge.Experiments.Tests.CheapFitness;

/// <summary>Two genes in [0, 1]; example i is right when gene (i mod 2) exceeds i / 10: answers follow the genes.</summary>
internal sealed class ThresholdProblem : IFitnessProblem
{
    public string Task => "threshold";
    public int GeneCount => 2;
    public Bounds Bounds => Bounds.Uniform(2, 0, 1);
    public double[] Start => [0.5, 0.5];
    public double Sigma0 => 0.2;
    public int FitnessCount => 10;
    public IReadOnlyList<int>? Strata => [.. Enumerable.Range(0, 10).Select(i => i % 2)];
    public long ExamplesEvaluated { get; private set; }
    public double[] Score(IReadOnlyList<double> genes, IReadOnlyList<int> rows)
    {
        ExamplesEvaluated += rows.Count;
        return [.. rows.Select(i => genes[i % 2] > i / 10.0 ? 1.0 : 0.0)];
    }
    public double[] ScoreAll(IReadOnlyList<double> genes) => Score(genes, [.. Enumerable.Range(0, 10)]);
    public double TestAccuracy(IReadOnlyList<double> genes) => 0;
    public IReadOnlyList<double[]> CalibrationPoints() => [[0, 0], [1, 1]];
    public void Dispose() { }
}
