using EvoMerge.Core.Randomness;
using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Builtin;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;
using EvoMerge.Experiments.DigitsDemo;
using EvoMerge.Models.Mlp;
using Xunit.Abstractions;

namespace EvoMerge.Experiments.Tests.DigitsDemo;

/// <summary>
/// The demo's acceptance criterion on the written files: a per-layer task-arithmetic merge of the experts, chosen
/// on the validation files only, beats both experts and their plain average on test_all.
/// </summary>
public class DigitsDemoMergeTests(PreparedAssets prepared, ITestOutputHelper output) : IClassFixture<PreparedAssets>
{
    [Fact]
    public void A_per_layer_merge_chosen_on_validation_beats_both_experts_and_the_average_on_test()
    {
        var paths = prepared.Paths;
        var (architecture, shared) = MlpCheckpoint.Read(paths.BaseModel);
        var low = MlpCheckpoint.Read(paths.ExpertLow).Parameters;
        var high = MlpCheckpoint.Read(paths.ExpertHigh).Parameters;
        using var validationLow = Evaluator(architecture, paths.ValidationLow);
        using var validationHigh = Evaluator(architecture, paths.ValidationHigh);
        using var testAll = Evaluator(architecture, paths.TestAll);
        using var testLow = Evaluator(architecture, paths.TestLow);
        using var testHigh = Evaluator(architecture, paths.TestHigh);
        double Accuracy(BuiltinClassifierEvaluator e, double[] p) => e.Evaluate(ToModel(architecture, p), CancellationToken.None).Metrics["accuracy"];
        double Validation(double[] p) => (Accuracy(validationLow, p) + Accuracy(validationHigh, p)) / 2;
        void Report(string name, double[] p) =>
            output.WriteLine($"{name,-12} test_all {Accuracy(testAll, p):F3}  test_0_4 {Accuracy(testLow, p):F3}  test_5_9 {Accuracy(testHigh, p):F3}  validation {Validation(p):F3}");

        // Per layer l: base + a_l (low - base) + b_l (high - base); weights drawn in [0, 2], the best on validation kept.
        var starts = architecture.LayerStarts.Append(architecture.ParameterCount).ToArray();
        double[] Merge(double[] w)
        {
            var merged = new double[shared.Length];
            for (int layer = 0; layer < architecture.LayerCount; layer++)
                for (int i = starts[layer]; i < starts[layer + 1]; i++)
                    merged[i] = shared[i] + w[2 * layer] * (low[i] - shared[i]) + w[2 * layer + 1] * (high[i] - shared[i]);
            return merged;
        }
        var rng = new Rng(99);
        double[] bestWeights = Enumerable.Repeat(0.5, 2 * architecture.LayerCount).ToArray();
        double bestFitness = Validation(Merge(bestWeights));
        for (int trial = 0; trial < 400; trial++)
        {
            var weights = Enumerable.Range(0, 2 * architecture.LayerCount).Select(_ => rng.NextDouble(0, 2)).ToArray();
            var fitness = Validation(Merge(weights));
            if (fitness > bestFitness) (bestFitness, bestWeights) = (fitness, weights);
        }
        var average = Merge(Enumerable.Repeat(0.5, 2 * architecture.LayerCount).ToArray());
        var best = Merge(bestWeights);
        Report("base", shared);
        Report("expert_0_4", low);
        Report("expert_5_9", high);
        Report("average", average);
        Report("per-layer", best);
        output.WriteLine($"per-layer weights (low, high per layer): {string.Join(", ", bestWeights.Select(w => w.ToString("F2")))}");

        var merged = Accuracy(testAll, best);
        Assert.True(merged > Accuracy(testAll, low), "the merge should beat expert_0_4 on test_all");
        Assert.True(merged > Accuracy(testAll, high), "the merge should beat expert_5_9 on test_all");
        Assert.True(merged > Accuracy(testAll, average), "the merge should beat the plain average on test_all");
        // Each expert is the best model on its own half: the search has something to combine.
        Assert.True(Accuracy(testLow, low) > Accuracy(testLow, shared));
        Assert.True(Accuracy(testHigh, high) > Accuracy(testHigh, shared));
    }

    static BuiltinClassifierEvaluator Evaluator(MlpArchitecture architecture, string data) =>
        new(new BuiltinClassifierOptions { Architecture = architecture, Data = TaskDataFiles.Load(data), Name = Path.GetFileNameWithoutExtension(data) });

    static MergedModel ToModel(MlpArchitecture architecture, double[] parameters) => new(architecture.Layout.Select(slot =>
        new KeyValuePair<string, MergedTensor>(slot.Name, MergedTensor.FromFloat32(
            parameters.AsSpan((int)slot.Offset, (int)slot.Length).ToArray().Select(v => (float)v).ToArray(), slot.Shape))));
}
