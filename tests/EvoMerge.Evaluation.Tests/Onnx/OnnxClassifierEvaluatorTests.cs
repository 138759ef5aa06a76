using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.Onnx;

public sealed class OnnxClassifierEvaluatorTests
{
    [Theory]
    [InlineData("weights_a.safetensors", "logits_a.csv")]
    [InlineData("weights_b.safetensors", "logits_b.csv")]
    public void Logits_equal_the_numpy_reference(string weights, string logits)
    {
        using var evaluator = OnnxEvaluatorFactory.Create();
        var outputs = evaluator.RunOutputs(MergedModel.ReadSafeTensors(Fixture.Path(weights)), CancellationToken.None);

        var reference = Fixture.Logits(logits);
        Assert.Equal(Fixture.Classes, evaluator.OutputWidth);
        Assert.Equal(Fixture.Rows * Fixture.Classes, outputs.Length);
        for (var r = 0; r < Fixture.Rows; r++)
        {
            for (var k = 0; k < Fixture.Classes; k++)
            {
                Assert.Equal(reference[r][k], outputs[r * Fixture.Classes + k], 1e-5);
            }
        }
    }

    [Fact]
    public void Swapping_weights_in_memory_changes_the_predictions_without_reopening()
    {
        using var evaluator = OnnxEvaluatorFactory.Create();
        var labels = Fixture.Data().Labels.ToArray();
        double[] Expected(string logits) =>
            Fixture.Logits(logits).Select((row, i) => Fixture.ArgMax(row) == (int)labels[i] ? 1.0 : 0.0).ToArray();

        var a = evaluator.Evaluate(Fixture.WeightsA(), CancellationToken.None);
        var b = evaluator.Evaluate(Fixture.WeightsB(), CancellationToken.None);
        var again = evaluator.Evaluate(Fixture.WeightsA(), CancellationToken.None);

        Assert.Equal(Expected("logits_a.csv"), a.PerExampleScores);
        Assert.Equal(Expected("logits_b.csv"), b.PerExampleScores);
        Assert.NotEqual(a.PerExampleScores, b.PerExampleScores);
        Assert.Equal(a.PerExampleScores, again.PerExampleScores);
        Assert.Equal(Expected("logits_b.csv").Average(), b.Metrics["accuracy"], 12);
    }

    [Fact]
    public void Metrics_and_per_example_scores_follow_the_reference_logits()
    {
        using var evaluator = OnnxEvaluatorFactory.Create(o => o with { ScoreMetric = "neg_log_loss" });
        var labels = Fixture.Data().Labels.ToArray();
        var reference = Fixture.Logits("logits_b.csv");
        var expectedLogLikelihood = reference.Select((row, i) =>
        {
            var max = row.Max();
            return row[(int)labels[i]] - max - Math.Log(row.Sum(v => Math.Exp(v - max)));
        }).ToArray();

        var result = evaluator.Evaluate(Fixture.WeightsB(), CancellationToken.None);

        Assert.Equal(Fixture.Rows, result.PerExampleScores!.Length);
        for (var i = 0; i < Fixture.Rows; i++)
        {
            Assert.Equal(expectedLogLikelihood[i], result.PerExampleScores[i], 1e-4);
        }

        Assert.Equal(expectedLogLikelihood.Average(), result.Metrics["neg_log_loss"], 1e-4);
        Assert.Equal(["accuracy", "neg_log_loss"], result.Metrics.Keys.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public void Batch_size_does_not_change_the_outputs(int batchSize)
    {
        using var reference = OnnxEvaluatorFactory.Create();
        using var batched = OnnxEvaluatorFactory.Create(o => o with { BatchSize = batchSize });

        var expected = reference.RunOutputs(Fixture.WeightsB(), CancellationToken.None);
        var actual = batched.RunOutputs(Fixture.WeightsB(), CancellationToken.None);

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6);
        }
    }

    [Fact]
    public void Rows_of_a_split_are_scored_with_their_own_labels()
    {
        var data = Fixture.Data().Select(new EvoMerge.Evaluation.Data.RowRange(30, 39));
        using var evaluator = OnnxEvaluatorFactory.Create(o => o with { Data = data });
        var reference = Fixture.Logits("logits_a.csv");

        var result = evaluator.Evaluate(Fixture.WeightsA(), CancellationToken.None);

        var expected = Enumerable.Range(30, 10).Select(r => Fixture.ArgMax(reference[r]) == (int)data.Labels[r - 30] ? 1.0 : 0.0);
        Assert.Equal(expected, result.PerExampleScores);
    }

    [Fact]
    public void Knows_the_models_overridable_initializers()
    {
        using var evaluator = OnnxEvaluatorFactory.Create();

        Assert.Equal(["fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight"], evaluator.InitializerNames);
        Assert.Equal("CPU", evaluator.Provider);
    }
}
