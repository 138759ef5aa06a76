using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods;

public class PassthroughTests
{
    static readonly IMergeMethod Passthrough = MergeMethodRegistry.Get("passthrough");

    [Fact]
    public void Returns_a_copy_of_the_single_model()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var x = Inputs.T(1, 2, 3);
        var result = Passthrough.Merge(Inputs.For(Passthrough, [Inputs.Model("a", x)]));
        Assert.Equal([1f, 2f, 3f], Inputs.Values(result));
        result.mul_(held[0]);
        Assert.Equal([1f, 2f, 3f], Inputs.Values(x));
    }

    [Fact]
    public void Optional_scale_multiplies()
    {
        using var scope = NewDisposeScope();
        var result = Passthrough.Merge(Inputs.For(Passthrough, [Inputs.Model("a", Inputs.T(1, 2), ("scale", 0.5))]));
        Assert.Equal([0.5f, 1f], Inputs.Values(result));
    }

    [Fact]
    public void More_than_one_model_is_an_error()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Passthrough, [Inputs.Model("a", Inputs.T(1)), Inputs.Model("b", Inputs.T(2))]);
        Assert.Throws<ArgumentException>(() => Passthrough.Merge(inputs));
    }
}
