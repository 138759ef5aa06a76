using EvoMerge.Evaluation.Builtin.Tests.Support;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Evaluation.Builtin.Tests;

public class TensorFitTests
{
    private static BuiltinClassifierEvaluator Tiny() => new(new BuiltinClassifierOptions
    {
        Architecture = TinyModels.Tiny,
        Data = TinyModels.TinyData(0, 1, 1, 0),
    });

    [Fact]
    public void A_missing_tensor_is_fatal_and_named_with_its_expected_shape()
    {
        using var evaluator = Tiny();
        var error = Assert.Throws<FatalEvaluationException>(() =>
            evaluator.Evaluate(TinyModels.Without(TinyModels.TinyWeights(), "layers.1.weight"), CancellationToken.None));
        Assert.Contains("tensor 'layers.1.weight' ([2, 2] as F32, BF16, F16) is missing from the merged model", error.Message);
    }

    [Fact]
    public void A_wrong_shape_is_fatal_and_names_both_shapes()
    {
        using var evaluator = Tiny();
        var model = TinyModels.With(TinyModels.TinyWeights(), "layers.0.bias", MergedTensor.FromFloat32([0, 0, 0], 3));
        var error = Assert.Throws<FatalEvaluationException>(() => evaluator.Evaluate(model, CancellationToken.None));
        Assert.Contains("tensor 'layers.0.bias' is F32 [3] in the merged model, but the architecture expects [2] as F32, BF16, F16", error.Message);
    }

    [Fact]
    public void A_transposed_weight_is_caught()
    {
        var architecture = new EvoMerge.Models.Mlp.MlpArchitecture(3, [2], 2);
        using var evaluator = new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
        {
            Architecture = architecture,
            Data = new Data.TaskData("three.csv", ["a", "b", "c"], [1, 2, 3], [0]),
        });
        var specs = architecture.Layout.Select(s => new TensorSpec(s.Name, SafeTensorDType.F32, s.Name == "layers.0.weight" ? [2, 3] : s.Shape)).ToList();
        var problem = Assert.Single(evaluator.FindProblems(specs));
        Assert.Contains("'layers.0.weight' is F32 [2, 3] in the merged model, but the architecture expects [3, 2]", problem);
    }

    [Fact]
    public void An_extra_tensor_is_fatal_and_the_known_names_are_listed()
    {
        using var evaluator = Tiny();
        var model = TinyModels.With(TinyModels.TinyWeights(), "head.weight", MergedTensor.FromFloat32([1], 1));
        var error = Assert.Throws<FatalEvaluationException>(() => evaluator.Evaluate(model, CancellationToken.None));
        Assert.Contains("tensor 'head.weight' is not part of the architecture; it has 'layers.0.weight', 'layers.0.bias'", error.Message);
    }

    [Fact]
    public void An_unsupported_dtype_is_fatal()
    {
        using var evaluator = Tiny();
        var model = TinyModels.With(TinyModels.TinyWeights(), "layers.1.bias", MergedTensor.FromBytes(SafeTensorDType.I32, [2], new byte[8]));
        var error = Assert.Throws<FatalEvaluationException>(() => evaluator.Evaluate(model, CancellationToken.None));
        Assert.Contains("tensor 'layers.1.bias' is I32 [2] in the merged model", error.Message);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        using var evaluator = Tiny();
        var specs = new List<TensorSpec>
        {
            new("layers.0.weight", SafeTensorDType.F32, [2, 2]),
            new("layers.0.bias", SafeTensorDType.F64, [2]),
            new("extra", SafeTensorDType.F32, [1]),
        };
        var problems = evaluator.FindProblems(specs);
        Assert.Equal(4, problems.Count);   // two missing, one wrong dtype, one extra
        Assert.Contains(problems, p => p.Contains("'layers.1.weight'") && p.Contains("missing"));
        Assert.Contains(problems, p => p.Contains("'layers.1.bias'") && p.Contains("missing"));
        Assert.Contains(problems, p => p.Contains("'layers.0.bias' is F64"));
        Assert.Contains(problems, p => p.Contains("'extra' is not part of the architecture"));
    }
}
