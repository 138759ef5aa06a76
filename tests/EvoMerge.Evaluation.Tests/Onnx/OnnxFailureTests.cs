using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Onnx;
using EvoMerge.Evaluation.Tests.Support;

namespace EvoMerge.Evaluation.Tests.Onnx;

public sealed class OnnxFailureTests
{
    [Fact]
    public void Weights_that_give_non_finite_logits_fail_the_candidate()
    {
        using var evaluator = OnnxEvaluatorFactory.Create();
        var a = Fixture.WeightsA();
        var model = a.With("fc2.bias", a.Tensors["fc2.bias"].Map(_ => float.NaN));

        var error = Assert.Throws<EvaluationFailedException>(() => evaluator.Evaluate(model, CancellationToken.None));

        Assert.Contains("not finite", error.Reason);
    }

    [Fact]
    public void A_cancelled_token_stops_the_evaluation()
    {
        using var evaluator = OnnxEvaluatorFactory.Create();

        Assert.Throws<OperationCanceledException>(() => evaluator.Evaluate(Fixture.WeightsA(), new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Without_cuda_the_evaluator_falls_back_to_cpu_with_a_note()
    {
        var notes = new List<string>();
        using var evaluator = OnnxEvaluatorFactory.Create(o => o with { Provider = ExecutionProviderChoice.CudaIfAvailable, Log = notes.Add });

        // This project references the CPU build of ONNX Runtime, so CUDA is never there.
        Assert.Equal("CPU", evaluator.Provider);
        var note = Assert.Single(notes);
        Assert.Contains("CUDA execution provider unavailable", note);
        Assert.Equal(1.0, evaluator.Evaluate(Fixture.WeightsA(), CancellationToken.None).PerExampleScores![0]);
    }

    [Fact]
    public void Requiring_cuda_without_it_is_fatal()
    {
        var error = Assert.Throws<FatalEvaluationException>(() =>
            OnnxEvaluatorFactory.Create(o => o with { Provider = ExecutionProviderChoice.CudaRequired }));

        Assert.Contains("CUDA", error.Message);
    }

    [Fact]
    public void Use_after_dispose_is_refused()
    {
        var evaluator = OnnxEvaluatorFactory.Create();
        evaluator.Dispose();

        Assert.Throws<ObjectDisposedException>(() => evaluator.Evaluate(Fixture.WeightsA(), CancellationToken.None));
    }

    [Theory]
    [InlineData("accuracy", "accuracy")]
    [InlineData("neg_mse", "neg_mse")]
    public void Invalid_options_are_refused(string metric, string expectedInMessage)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() =>
            OnnxEvaluatorFactory.Create(o => o with { Metrics = metric == "accuracy" ? [metric, metric] : [metric] }));

        Assert.Contains(expectedInMessage, error.Message);
    }
}
