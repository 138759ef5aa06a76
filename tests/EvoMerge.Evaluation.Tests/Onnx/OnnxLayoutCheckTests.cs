using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Tests.Support;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Tests.Onnx;

public sealed class OnnxLayoutCheckTests
{
    [Fact]
    public void A_transposed_weight_is_refused_naming_the_tensor_and_both_shapes()
    {
        using var evaluator = OnnxEvaluatorFactory.Create();
        var a = Fixture.WeightsA();
        var transposed = MergedTensor.FromFloat32(a.Tensors["fc1.weight"].Float32Values.ToArray(), 64, 32);

        var error = Assert.Throws<FatalEvaluationException>(() => evaluator.Evaluate(a.With("fc1.weight", transposed), CancellationToken.None));

        Assert.Contains("'fc1.weight' is F32 [64, 32] in the merged model, but the ONNX initializer is F32 [32, 64]", error.Message);
    }

    [Fact]
    public void A_wrong_dtype_is_refused()
    {
        using var evaluator = OnnxEvaluatorFactory.Create();
        var bias = MergedTensor.FromBytes(SafeTensorDType.F64, [10], new byte[80]);

        var error = Assert.Throws<FatalEvaluationException>(() => evaluator.Evaluate(Fixture.WeightsA().With("fc2.bias", bias), CancellationToken.None));

        Assert.Contains("'fc2.bias' is F64 [10] in the merged model, but the ONNX initializer is F32 [10]", error.Message);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        using var evaluator = OnnxEvaluatorFactory.Create();
        var model = Fixture.WeightsA().Without("fc2.weight").With("extra", MergedTensor.FromFloat32([1f], 1));

        var problems = evaluator.FindProblems(model.Specs());

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("'fc2.weight' (F32 [10, 32]) is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'extra' is not an overridable initializer", StringComparison.Ordinal));
    }

    [Fact]
    public void Unused_tensors_may_be_ignored()
    {
        using var evaluator = OnnxEvaluatorFactory.Create(o => o with { IgnoreUnusedTensors = true });
        var model = Fixture.WeightsB().With("lm_head.extra", MergedTensor.FromFloat32([1f], 1));

        var withExtra = evaluator.RunOutputs(model, CancellationToken.None);

        Assert.Equal(evaluator.RunOutputs(Fixture.WeightsB(), CancellationToken.None), withExtra);
    }

    [Fact]
    public void Initializers_not_required_keep_the_values_stored_in_the_model()
    {
        using var evaluator = OnnxEvaluatorFactory.Create(o => o with { RequiredInitializers = ["fc1.weight", "fc1.bias"] });
        var b = Fixture.WeightsB();
        var partial = b.Without("fc2.weight").Without("fc2.bias");
        var mixed = Fixture.WeightsA().With("fc1.weight", b.Tensors["fc1.weight"]).With("fc1.bias", b.Tensors["fc1.bias"]);

        Assert.Equal(evaluator.RunOutputs(mixed, CancellationToken.None), evaluator.RunOutputs(partial, CancellationToken.None));
        Assert.Throws<FatalEvaluationException>(() => evaluator.RunOutputs(partial.Without("fc1.bias"), CancellationToken.None));
    }

    [Fact]
    public void A_required_initializer_the_model_does_not_offer_is_refused_at_construction()
    {
        var error = Assert.Throws<FatalEvaluationException>(() => OnnxEvaluatorFactory.Create(o => o with { RequiredInitializers = ["fc3.weight"] }));

        Assert.Contains("'fc3.weight'", error.Message);
    }

    [Fact]
    public void A_model_whose_initializers_are_constants_is_refused()
    {
        var error = Assert.Throws<FatalEvaluationException>(() =>
            OnnxEvaluatorFactory.Create(o => o with { ModelPath = Fixture.Path("mlp_constant.onnx") }));

        Assert.Contains("no overridable initializers", error.Message);
    }

    [Fact]
    public void A_missing_model_file_is_fatal()
    {
        var error = Assert.Throws<FatalEvaluationException>(() =>
            OnnxEvaluatorFactory.Create(o => o with { ModelPath = Fixture.Path("no-such.onnx") }));

        Assert.Contains("no-such.onnx", error.Message);
    }

    [Fact]
    public void Data_with_the_wrong_feature_count_is_refused()
    {
        var narrow = new EvoMerge.Evaluation.Data.TaskData("narrow", ["a", "b"], new float[4], [0, 1]);

        var error = Assert.Throws<FatalEvaluationException>(() => OnnxEvaluatorFactory.Create(o => o with { Data = narrow }));

        Assert.Contains("[batch, 2]", error.Message);
    }

    [Fact]
    public void Labels_that_are_not_class_indices_are_refused()
    {
        var data = new EvoMerge.Evaluation.Data.TaskData("bad-labels", Fixture.Data().FeatureNames, new float[2 * 64], [3, 10]);

        var error = Assert.Throws<ArgumentException>(() => OnnxEvaluatorFactory.Create(o => o with { Data = data }));

        Assert.Contains("label 10", error.Message);
    }
}
