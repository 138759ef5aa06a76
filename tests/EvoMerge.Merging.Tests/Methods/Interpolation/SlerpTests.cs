using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Interpolation;

public class SlerpTests
{
    static readonly IMergeMethod Slerp = SmallChunks.Get("slerp");

    static Tensor Merge(Tensor start, Tensor end, double t, bool baseFirst = true)
    {
        var models = baseFirst
            ? new[] { Inputs.BaseListed("base", start), Inputs.Model("other", end) }
            : new[] { Inputs.Model("other", end), Inputs.BaseListed("base", start) };
        return Slerp.Merge(Inputs.For(Slerp, models, start, Inputs.P(("t", t))));
    }

    [Fact]
    public void Endpoints_are_the_models_wherever_the_base_is_listed()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(1);
        var a = randn([40, 700], generator: g);
        var b = randn([40, 700], generator: g);
        foreach (var baseFirst in new[] { true, false })
        {
            TensorAssert.BitEqual(a, Merge(a, b, 0, baseFirst));
            TensorAssert.BitEqual(b, Merge(a, b, 1, baseFirst));
        }
    }

    [Fact]
    public void Orthogonal_unit_vectors_follow_the_circle()
    {
        using var scope = NewDisposeScope();
        var mid = Inputs.Values(Merge(Inputs.T(1, 0), Inputs.T(0, 1), 0.5));
        Assert.Equal(Math.Sqrt(0.5), mid[0], 6);
        Assert.Equal(Math.Sqrt(0.5), mid[1], 6);
        var third = Inputs.Values(Merge(Inputs.T(2, 0), Inputs.T(0, 4), 1.0 / 3));
        // Angles are measured on unit vectors; the unnormalized tensors are combined.
        Assert.Equal(2 * Math.Sin(Math.PI / 3) / 1, third[0], 5);
        Assert.Equal(4 * Math.Sin(Math.PI / 6), third[1], 5);
    }

    [Fact]
    public void Nearly_parallel_tensors_are_interpolated_linearly()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([1.25f, 1.25f], Inputs.Values(Merge(Inputs.T(1, 1), Inputs.T(2, 2), 0.25)));
    }

    [Fact]
    public void Bfloat16_is_computed_in_float32_and_returned_in_bfloat16()
    {
        using var scope = NewDisposeScope();
        var a = Inputs.T(1, 0, 0.5f).to(ScalarType.BFloat16);
        var b = Inputs.T(0, 1, 0.25f).to(ScalarType.BFloat16);
        var result = Merge(a, b, 0.3);
        Assert.Equal(ScalarType.BFloat16, result.dtype);
        var reference = Merge(a.to(ScalarType.Float32), b.to(ScalarType.Float32), 0.3).to(ScalarType.BFloat16);
        TensorAssert.BitEqual(reference, result);
    }

    [Fact]
    public void Needs_the_base_and_one_other_model()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Slerp, [Inputs.Model("a", Inputs.T(1)), Inputs.Model("b", Inputs.T(2))], Inputs.T(0), Inputs.P(("t", 0.5)));
        Assert.Contains("one of them the base model", Assert.Throws<ArgumentException>(() => Slerp.Merge(inputs)).Message);
    }
}
