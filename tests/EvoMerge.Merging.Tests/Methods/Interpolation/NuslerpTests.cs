using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Interpolation;

public class NuslerpTests
{
    static readonly IMergeMethod Nuslerp = MergeMethodRegistry.Get("nuslerp");

    static Tensor Merge(Tensor a, double wa, Tensor b, double wb, Tensor? baseTensor = null, params (string, double)[] globals) =>
        Nuslerp.Merge(Inputs.For(Nuslerp, [Inputs.Model("a", a, ("weight", wa)), Inputs.Model("b", b, ("weight", wb))], baseTensor, Inputs.P(globals)));

    [Fact]
    public void Weights_set_the_interpolation_point()
    {
        using var scope = NewDisposeScope();
        // t = 3 / (1 + 3) = 0.75 between orthogonal unit vectors: [cos(0.75 pi/2), sin(0.75 pi/2)].
        var result = Inputs.Values(Merge(Inputs.T(1, 0), 1, Inputs.T(0, 1), 3));
        Assert.Equal(Math.Cos(0.75 * Math.PI / 2), result[0], 6);
        Assert.Equal(Math.Sin(0.75 * Math.PI / 2), result[1], 6);
    }

    [Fact]
    public void Weights_summing_to_zero_use_the_midpoint()
    {
        using var scope = NewDisposeScope();
        var result = Inputs.Values(Merge(Inputs.T(1, 0), 1, Inputs.T(0, 1), -1));
        Assert.Equal(Math.Sqrt(0.5), result[0], 6);
    }

    [Fact]
    public void With_a_base_it_interpolates_the_task_vectors()
    {
        using var scope = NewDisposeScope();
        var b = Inputs.T(10, 10);
        var result = Inputs.Values(Merge(Inputs.T(11, 10), 1, Inputs.T(10, 11), 1, b));
        Assert.Equal(10 + Math.Sqrt(0.5), result[0], 5);
        Assert.Equal(10 + Math.Sqrt(0.5), result[1], 5);
    }

    [Fact]
    public void Parallel_vectors_are_interpolated_linearly()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([1.5f, 3f], Inputs.Values(Merge(Inputs.T(1, 2), 1, Inputs.T(2, 4), 1)));
    }

    [Fact]
    public void Unflattened_interpolates_each_row_or_column_separately()
    {
        using var scope = NewDisposeScope();
        // Row 0 is orthogonal, row 1 parallel.
        var a = tensor(new float[] { 1, 0, 1, 1 }, [2, 2]);
        var b = tensor(new float[] { 0, 1, 2, 2 }, [2, 2]);
        var rows = Inputs.Values(Merge(a, 1, b, 1, null, ("nuslerp_flatten", 0)));
        Assert.Equal(Math.Sqrt(0.5), rows[0], 6);
        Assert.Equal(Math.Sqrt(0.5), rows[1], 6);
        Assert.Equal([1.5f, 1.5f], rows[2..]);
        // Row-wise angles run along dim 0: columns [1, 1] vs [0, 2] and [0, 1] vs [1, 2].
        var columns = Merge(a, 1, b, 1, null, ("nuslerp_flatten", 0), ("nuslerp_row_wise", 1));
        var expected = stack([
            Nuslerp_reference(Inputs.T(1, 1), Inputs.T(0, 2)),
            Nuslerp_reference(Inputs.T(0, 1), Inputs.T(1, 2)),
        ]).t();
        TensorAssert.Close(expected, columns, 1e-6);
    }

    static Tensor Nuslerp_reference(Tensor v0, Tensor v1)
    {
        double cos = (v0 / v0.norm() * (v1 / v1.norm())).sum().item<float>();
        double theta = Math.Acos(cos);
        using var held = new HeldScalars();
        return v0.mul(held[Math.Sin(0.5 * theta)]).add(v1.mul(held[Math.Sin(0.5 * theta)]), held[1]).div(held[Math.Sin(theta)]);
    }

    [Fact]
    public void Chunked_flat_path_matches_the_whole_tensor_formula()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(3);
        var b = randn([30, 1000], generator: g);
        var x0 = b.add(randn([30, 1000], generator: g), held[1]);
        var x1 = b.add(randn([30, 1000], generator: g), held[1]);
        var nuslerp = SmallChunks.Get("nuslerp");
        var result = nuslerp.Merge(Inputs.For(nuslerp, [Inputs.Model("a", x0, ("weight", 0.3)), Inputs.Model("b", x1, ("weight", 0.5))], b));
        // The whole-tensor implementation with flatten computes the same formula without chunks.
        var expected = b.add(EvoMerge.Merging.Methods.Nuslerp.Interpolate(0.5 / 0.8, x0 - b, x1 - b, rowWise: false, flatten: true), held[1]);
        TensorAssert.Close(expected, result, 1e-5, 1e-5);
    }

    [Fact]
    public void Rejects_the_base_as_one_of_the_two_models()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Nuslerp, [Inputs.BaseListed("base", Inputs.T(1), ("weight", 1)), Inputs.Model("b", Inputs.T(2), ("weight", 1))], Inputs.T(1));
        Assert.Throws<ArgumentException>(() => Nuslerp.Merge(inputs));
    }
}
