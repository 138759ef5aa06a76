using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Interpolation;

public class MultislerpTests
{
    static readonly IMergeMethod Multislerp = MergeMethodRegistry.Get("multislerp");

    static float[] Merge(Tensor[] xs, double[] weights, Tensor? b = null, params (string, double)[] globals) =>
        Inputs.Values(Multislerp.Merge(Inputs.For(Multislerp,
            xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", weights[i]))).ToList(), b, Inputs.P(globals))));

    static readonly float Half = MathF.Sqrt(0.5f);

    [Fact]
    public void Equal_weights_give_the_midpoint_direction_scaled_by_the_mean_norm()
    {
        using var scope = NewDisposeScope();
        // Unit directions [1, 0] and [0, 1] meet at [h, h]; the mean norm of 2 and 4 is 3.
        Assert.Equal([3 * Half, 3 * Half], Merge([Inputs.T(2, 0), Inputs.T(0, 4)], [1, 1]), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void With_a_base_it_interpolates_task_vectors()
    {
        using var scope = NewDisposeScope();
        var result = Merge([Inputs.T(12, 10), Inputs.T(10, 14)], [0.5, 0.5], Inputs.T(10, 10));
        Assert.Equal([10 + 3 * Half, 10 + 3 * Half], result, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Unnormalized_weights_scale_the_norm_by_their_sum()
    {
        using var scope = NewDisposeScope();
        // Weights 1 and 1 unnormalized: same direction, scale 1 * 2 + 1 * 4 = 6.
        var result = Merge([Inputs.T(2, 0), Inputs.T(0, 4)], [1, 1], null, ("normalize_weights", 0));
        Assert.Equal([6 * Half, 6 * Half], result, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Opposite_pair_falls_back_to_the_linear_mix_and_more_models_are_an_error()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([0.5f, 0f], Merge([Inputs.T(3, 0), Inputs.T(-2, 0)], [1, 1]));
        var inputs = Inputs.For(Multislerp, [Inputs.Model("a", Inputs.T(1, 0), ("weight", 1)), Inputs.Model("b", Inputs.T(-1, 0), ("weight", 1)),
            Inputs.Model("c", Inputs.T(0, 0), ("weight", 1))], tensorName: "w.0");
        var error = Assert.Throws<ArgumentException>(() => Multislerp.Merge(inputs));
        Assert.Contains("tensor 'w.0'", error.Message);
        Assert.Contains("change the weights", error.Message);
    }
}
