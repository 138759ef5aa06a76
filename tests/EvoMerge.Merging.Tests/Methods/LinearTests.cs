using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods;

public class LinearTests
{
    static readonly IMergeMethod Linear = MergeMethodRegistry.Get("linear");

    [Fact]
    public void Weighted_average()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Linear, [Inputs.Model("a", Inputs.T(1, 2), ("weight", 1)), Inputs.Model("b", Inputs.T(3, 6), ("weight", 3))]);
        Assert.Equal([2.5f, 5f], Inputs.Values(Linear.Merge(inputs)));
    }

    [Fact]
    public void Without_normalize_it_is_the_weighted_sum()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Linear, [Inputs.Model("a", Inputs.T(1, 2), ("weight", 1)), Inputs.Model("b", Inputs.T(3, 6), ("weight", 3))],
            globals: Inputs.P(("normalize", 0)));
        Assert.Equal([10f, 20f], Inputs.Values(Linear.Merge(inputs)));
    }

    [Fact]
    public void Identical_models_give_that_model()
    {
        using var scope = NewDisposeScope();
        var x = randn(50, 700);
        var linear = SmallChunks.Get("linear");
        var inputs = Inputs.For(linear, [Inputs.Model("a", x, ("weight", 0.3)), Inputs.Model("b", x, ("weight", 0.7))]);
        TensorAssert.Close(x, linear.Merge(inputs), 1e-6, 1e-6);
        var three = Inputs.For(linear, [Inputs.Model("a", x, ("weight", 1)), Inputs.Model("b", x, ("weight", 1)), Inputs.Model("c", x, ("weight", 2))]);
        TensorAssert.BitEqual(x, linear.Merge(three));   // powers of two: exact
    }

    [Fact]
    public void Uses_the_base_too_when_it_is_listed()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Linear, [Inputs.BaseListed("base", Inputs.T(0, 0), ("weight", 1)), Inputs.Model("a", Inputs.T(4, 8), ("weight", 1))],
            Inputs.T(0, 0));
        Assert.Equal([2f, 4f], Inputs.Values(Linear.Merge(inputs)));
    }

    [Fact]
    public void Weights_summing_to_zero_fail_with_the_tensor_name_when_normalizing()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Linear, [Inputs.Model("a", Inputs.T(1), ("weight", 1)), Inputs.Model("b", Inputs.T(3), ("weight", -1))],
            tensorName: "model.norm.weight");
        Assert.Contains("tensor 'model.norm.weight'", Assert.Throws<ArgumentException>(() => Linear.Merge(inputs)).Message);
    }

    [Fact]
    public void Bfloat16_matches_mergekit_arithmetic()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(2);
        var xs = Enumerable.Range(0, 3).Select(_ => randn([30, 1000], generator: g).to(ScalarType.BFloat16)).ToArray();
        double[] w = [0.5, 0.2, 0.3];
        var linear = SmallChunks.Get("linear");
        var result = linear.Merge(Inputs.For(linear, xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", w[i]))).ToList()));
        // mergekit: (weights * stack).sum(0) / weights.sum(0), all in bf16 tensors.
        var weights = tensor(w.Select(v => (float)v).ToArray()).to(ScalarType.BFloat16).view(3, 1, 1);
        var expected = (stack(xs) * weights).sum(dim: 0) / weights.sum(dim: 0);
        TensorAssert.BitEqual(expected, result);
    }
}
