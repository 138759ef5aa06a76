using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Experiments.DigitsDemo;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// The digits demo as a fitness problem for one seed: the demo's split (with a larger validation
/// share) and its three models (a base and two experts, 0-4 and 5-9), and the demo's genome, one
/// task-arithmetic weight per layer and expert in [0, 2]. Counts every example it scores for the
/// search, so methods are compared by examples evaluated.
/// </summary>
public sealed class DigitsMergeProblem : IFitnessProblem
{
    readonly DigitsDemoModels _models;
    readonly MlpClassifier _classifier;
    readonly ClassificationData _fitnessData, _testData;
    readonly (int Start, int End)[] _layers;

    public DigitsMergeProblem(DigitRows all, ulong seed, double validationFraction, double testFraction)
    {
        var demo = new DigitsDemoOptions { Seed = seed, ValidationFraction = validationFraction, TestFraction = testFraction };
        demo.Validate();
        var rng = new Rng(seed);
        var split = DigitsDemoSplit.Make(all, demo.ValidationFraction, demo.TestFraction, rng);
        Architecture = demo.Architecture;
        _models = DigitsDemoModels.Train(demo, split.Train, rng);
        Fitness = split.Validation;
        _fitnessData = DigitsDemoModels.ToData(Fitness);
        _testData = DigitsDemoModels.ToData(split.Test);
        _classifier = new MlpClassifier(Architecture);
        var starts = Architecture.LayerStarts;
        _layers = [.. starts.Select((s, l) => (s, l + 1 < starts.Length ? starts[l + 1] : Architecture.ParameterCount))];
    }

    public MlpArchitecture Architecture { get; }

    public string Task => "digits";

    /// <summary>The fitness (validation) rows; never the test rows.</summary>
    public DigitRows Fitness { get; }

    public int FitnessCount => Fitness.Count;

    /// <summary>Genes: for layer l, <c>2 l</c> weighs the 0-4 expert's task vector and <c>2 l + 1</c> the 5-9 expert's.</summary>
    public int GeneCount => 2 * _layers.Length;

    public const double Lower = 0, Upper = 2;

    public Bounds Bounds => Bounds.Uniform(GeneCount, Lower, Upper);

    /// <summary>Task-arithmetic weight 1 for every expert and layer.</summary>
    public double[] Start => [.. Enumerable.Repeat(1.0, GeneCount)];

    public double Sigma0 => 0.3;

    /// <summary>Stratified by digit.</summary>
    public IReadOnlyList<int>? Strata => Fitness.Labels;

    /// <summary>The base, each expert alone, and uniform task arithmetic at every weight 0.25, 0.5, 0.75, 1 and 1.25.</summary>
    public IReadOnlyList<double[]> CalibrationPoints()
    {
        int n = GeneCount;
        var points = new List<double[]>
        {
            new double[n],
            Enumerable.Range(0, n).Select(g => g % 2 == 0 ? 1.0 : 0.0).ToArray(),
            Enumerable.Range(0, n).Select(g => g % 2 == 1 ? 1.0 : 0.0).ToArray(),
        };
        foreach (double w in new[] { 0.25, 0.5, 0.75, 1.0, 1.25 }) points.Add([.. Enumerable.Repeat(w, n)]);
        return points;
    }

    /// <summary>Examples scored for the search so far (test rows are not counted: they are only reported).</summary>
    public long ExamplesEvaluated { get; private set; }

    public double[] Decode(IReadOnlyList<double> genes)
    {
        var merged = (double[])_models.Base.Clone();
        for (int l = 0; l < _layers.Length; l++)
        {
            var (start, end) = _layers[l];
            for (int p = start; p < end; p++)
                merged[p] += genes[2 * l] * (_models.ExpertLow[p] - _models.Base[p]) + genes[2 * l + 1] * (_models.ExpertHigh[p] - _models.Base[p]);
        }
        return merged;
    }

    /// <summary>Per-example correctness (1/0) of the candidate on the fitness rows at <paramref name="rows"/>, in that order.</summary>
    public double[] Score(IReadOnlyList<double> genes, IReadOnlyList<int> rows)
    {
        using var data = DigitsDemoModels.ToData(Fitness.Take(rows));
        var correct = new double[rows.Count];
        _classifier.Score(Decode(genes), data, correct);
        ExamplesEvaluated += rows.Count;
        return correct;
    }

    /// <summary>Per-example correctness on every fitness row.</summary>
    public double[] ScoreAll(IReadOnlyList<double> genes)
    {
        var correct = new double[FitnessCount];
        _classifier.Score(Decode(genes), _fitnessData, correct);
        ExamplesEvaluated += FitnessCount;
        return correct;
    }

    /// <summary>Accuracy on the test rows (reported only; not counted as search work).</summary>
    public double TestAccuracy(IReadOnlyList<double> genes) => _classifier.Accuracy(Decode(genes), _testData);

    public void Dispose()
    {
        _classifier.Dispose();
        _fitnessData.Dispose();
        _testData.Dispose();
    }
}
