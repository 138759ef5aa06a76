using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Selective;

public class NearswapTests
{
    static readonly IMergeMethod Nearswap = MergeMethodRegistry.Get("nearswap");

    static Tensor Merge(Tensor b, Tensor x, double t) =>
        Nearswap.Merge(Inputs.For(Nearswap, [Inputs.BaseListed("base", b), Inputs.Model("x", x)], b, Inputs.P(("t", t))));

    [Fact]
    public void Takes_near_values_and_moves_far_ones_by_t_over_the_distance()
    {
        using var scope = NewDisposeScope();
        // w = clamp(0.1 / |x - b|, 0, 1) = [1, 0.5, 0.1, 1 (distance 0)]; y = w x + (1 - w) b.
        var result = Inputs.Values(Merge(Inputs.T(0, 0, 0, 7), Inputs.T(0.05f, 0.2f, -1, 7), 0.1));
        Assert.Equal([0.05f, 0.1f, -0.1f, 7f], result, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Without_another_model_returns_the_base()
    {
        using var scope = NewDisposeScope();
        var b = Inputs.T(1, 2);
        Assert.Equal([1f, 2f], Inputs.Values(Nearswap.Merge(Inputs.For(Nearswap, [Inputs.BaseListed("base", b)], b, Inputs.P(("t", 0.5))))));
    }

    [Fact]
    public void Two_other_models_are_an_error_naming_the_tensor()
    {
        using var scope = NewDisposeScope();
        var b = Inputs.T(1, 2);
        var inputs = Inputs.For(Nearswap, [Inputs.Model("x", Inputs.T(1, 1)), Inputs.Model("y", Inputs.T(2, 2))], b, Inputs.P(("t", 0.5)), tensorName: "w.0");
        var error = Assert.Throws<ArgumentException>(() => Nearswap.Merge(inputs));
        Assert.Contains("tensor 'w.0'", error.Message);
        Assert.Contains("exactly one other model", error.Message);
    }
}
