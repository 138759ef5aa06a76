using EvoMerge.Evaluation.Builtin.Tests.Support;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Builtin.Tests;

public class BuiltinClassifierEvaluatorTests
{
    private static BuiltinClassifierEvaluator Tiny(params string[] metrics) => new(new BuiltinClassifierOptions
    {
        Architecture = TinyModels.Tiny,
        Data = TinyModels.TinyData(0, 1, 1, 0),
        Name = "tiny",
        Metrics = metrics.Length == 0 ? ["accuracy"] : metrics,
    });

    [Fact]
    public void Logits_match_the_hand_computed_network()
    {
        using var evaluator = Tiny();
        var outputs = evaluator.RunOutputs(TinyModels.TinyWeights(), CancellationToken.None).ToArray();
        Assert.Equal(TinyModels.TinyLogits, outputs);
    }

    [Fact]
    public void Accuracy_is_a_fraction_with_one_or_zero_per_example()
    {
        using var evaluator = Tiny();
        var result = evaluator.Evaluate(TinyModels.TinyWeights(), CancellationToken.None);
        // Predictions 0, 1, 0, 0 (the tie goes to class 0) against labels 0, 1, 1, 0.
        Assert.Equal([1.0, 1.0, 0.0, 1.0], result.PerExampleScores!);
        Assert.Equal(0.75, result.Metrics["accuracy"]);
        Assert.Single(result.Metrics);
    }

    [Fact]
    public void Several_metrics_are_reported_and_the_score_metric_picks_the_per_example_scores()
    {
        using var evaluator = new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
        {
            Architecture = TinyModels.Tiny,
            Data = TinyModels.TinyData(0, 1, 1, 0),
            Metrics = ["accuracy", "neg_log_loss"],
            ScoreMetric = "neg_log_loss",
        });
        var result = evaluator.Evaluate(TinyModels.TinyWeights(), CancellationToken.None);
        double[] expected =
        [
            -Math.Log(1 + Math.Exp(-0.5)),    // logits [0.5, 0], label 0
            -Math.Log(1 + Math.Exp(-1.5)),    // logits [0.5, 2], label 1
            -Math.Log(1 + Math.Exp(1.5)),     // logits [2.5, 1], label 1
            -Math.Log(2),                     // logits [0.5, 0.5], label 0
        ];
        Assert.Equal(expected.Length, result.PerExampleScores!.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], result.PerExampleScores[i], 6);
        }

        Assert.Equal(expected.Average(), result.Metrics["neg_log_loss"], 6);
        Assert.Equal(0.75, result.Metrics["accuracy"]);
    }

    [Fact]
    public void Small_batches_give_the_same_outputs_as_one_batch()
    {
        using var whole = Tiny();
        using var batched = new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
        {
            Architecture = TinyModels.Tiny,
            Data = TinyModels.TinyData(0, 1, 1, 0),
            BatchSize = 3,
        });
        Assert.Equal(whole.RunOutputs(TinyModels.TinyWeights(), CancellationToken.None).ToArray(),
                     batched.RunOutputs(TinyModels.TinyWeights(), CancellationToken.None).ToArray());
    }

    [Fact]
    public void A_later_candidate_replaces_every_weight_of_an_earlier_one()
    {
        using var evaluator = Tiny();
        var flipped = TinyModels.With(TinyModels.TinyWeights(), "layers.1.bias", MergedTensor.FromFloat32([0, 10], 2));
        Assert.Equal(0.5, evaluator.Evaluate(flipped, CancellationToken.None).Metrics["accuracy"]);
        Assert.Equal(0.75, evaluator.Evaluate(TinyModels.TinyWeights(), CancellationToken.None).Metrics["accuracy"]);
    }

    [Fact]
    public void Non_finite_outputs_fail_this_candidate_naming_the_row()
    {
        using var evaluator = Tiny();
        var broken = TinyModels.With(TinyModels.TinyWeights(), "layers.1.bias", MergedTensor.FromFloat32([0, float.NaN], 2));
        var error = Assert.Throws<EvaluationFailedException>(() => evaluator.Evaluate(broken, CancellationToken.None));
        Assert.Contains("row 0 of tiny.csv", error.Reason);
        Assert.Contains("not finite", error.Reason);
        // The evaluator stays usable for the next candidate.
        Assert.Equal(0.75, evaluator.Evaluate(TinyModels.TinyWeights(), CancellationToken.None).Metrics["accuracy"]);
    }

    [Fact]
    public void Through_the_guard_a_non_finite_candidate_is_a_failed_trial()
    {
        using var evaluator = Tiny();
        var broken = TinyModels.With(TinyModels.TinyWeights(), "layers.0.weight", MergedTensor.FromFloat32([float.PositiveInfinity, 0, 0, 1], 2, 2));
        var trial = EvaluationGuard.Run(evaluator, broken, CancellationToken.None);
        Assert.Contains("not finite", Assert.IsType<TrialEvaluation.Failed>(trial).Reason);
    }

    [Fact]
    public void A_cancelled_token_stops_before_running()
    {
        using var evaluator = Tiny();
        Assert.Throws<OperationCanceledException>(() => evaluator.Evaluate(TinyModels.TinyWeights(), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Use_after_dispose_is_refused()
    {
        var evaluator = Tiny();
        evaluator.Dispose();
        evaluator.Dispose();
        Assert.Throws<ObjectDisposedException>(() => evaluator.Evaluate(TinyModels.TinyWeights(), CancellationToken.None));
    }

    [Fact]
    public void Reports_the_tensor_names_it_expects()
    {
        using var evaluator = Tiny();
        Assert.Equal(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"], evaluator.TensorNames);
        Assert.Equal(2, evaluator.OutputWidth);
        Assert.Empty(evaluator.FindProblems(TinyModels.TinyWeights().Specs()));
    }

    [Theory]
    [InlineData(SafeTensorDType.BF16)]
    [InlineData(SafeTensorDType.F16)]
    public void Half_precision_tensors_are_widened_exactly(SafeTensorDType dtype)
    {
        var rng = new EvoMerge.Core.Randomness.Rng(11);
        var architecture = new EvoMerge.Models.Mlp.MlpArchitecture(8, [6, 5], 4);
        var (model, _) = TinyModels.RandomWeights(architecture, rng);
        var data = TinyModels.RandomData(40, 8, 4, rng);
        using var evaluator = new BuiltinClassifierEvaluator(new BuiltinClassifierOptions { Architecture = architecture, Data = data });
        var encoded = TinyModels.Encoded(model, dtype);
        var fromHalf = evaluator.RunOutputs(encoded, CancellationToken.None).ToArray();
        var fromWidened = evaluator.RunOutputs(TinyModels.Decoded(encoded), CancellationToken.None).ToArray();
        Assert.Equal(fromWidened, fromHalf);
        // Rounding to 16 bits changes the weights, so the outputs move too (else the test would prove nothing).
        Assert.NotEqual(evaluator.RunOutputs(model, CancellationToken.None).ToArray(), fromHalf);
    }
}
