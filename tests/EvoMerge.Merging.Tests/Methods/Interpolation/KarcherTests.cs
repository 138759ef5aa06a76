using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Interpolation;

public class KarcherTests
{
    static readonly IMergeMethod Karcher = MergeMethodRegistry.Get("karcher");

    static float[] Merge(Tensor[] xs, params (string, double)[] globals) =>
        Inputs.Values(Karcher.Merge(Inputs.For(Karcher, xs.Select((x, i) => Inputs.Model($"m{i}", x)).ToList(), null, Inputs.P(globals))));

    static float[] Angle(double degrees, double norm = 1) =>
        [(float)(norm * Math.Cos(degrees * Math.PI / 180)), (float)(norm * Math.Sin(degrees * Math.PI / 180))];

    [Fact]
    public void On_a_circle_it_is_the_mean_angle()
    {
        using var scope = NewDisposeScope();
        // Directions at 0, 0 and 90 degrees: the Riemannian mean is at 30 degrees, where the normalized
        // arithmetic mean [2, 1] / 3 would sit at 26.57 degrees.
        var xs = new[] { Inputs.T(1, 0), Inputs.T(2, 0), Inputs.T(0, 3) };
        Assert.Equal(Angle(30, 2), Merge(xs), (a, b) => Math.Abs(a - b) < 1e-5);
        // Without iterations the start point is that normalized arithmetic mean of the unit vectors.
        Assert.Equal(Angle(Math.Atan2(1, 2) * 180 / Math.PI, 2), Merge(xs, ("max_iter", 0)), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Zero_models_count_in_the_scale_but_not_the_direction()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([0.5f, 0f], Merge([Inputs.T(1, 0), Inputs.T(0, 0)]));
        Assert.Equal([0f, 0f], Merge([Inputs.T(0, 0), Inputs.T(0, 0)]));
    }

    [Fact]
    public void The_base_model_is_averaged_like_any_model()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Karcher, [Inputs.Model("a", Inputs.T(2, 0))], Inputs.T(0, 4));
        var result = Inputs.Values(Karcher.Merge(inputs));
        Assert.Equal(Angle(45, 3), result, (a, b) => Math.Abs(a - b) < 1e-5);
    }
}
