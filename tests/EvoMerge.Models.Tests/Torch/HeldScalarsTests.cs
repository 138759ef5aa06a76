using EvoMerge.Models.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Torch;

public class HeldScalarsTests
{
    [Fact]
    public void Ints_give_integral_scalars_and_doubles_floating_ones_as_TorchSharp_conversions_do()
    {
        using var held = new HeldScalars();
        Assert.Equal(ScalarType.Int64, held[2].Type);
        Assert.Equal(ScalarType.Int64, held[2L].Type);
        Assert.Equal(ScalarType.Float64, held[2.0].Type);
        Assert.Equal(ScalarType.Float64, held[0.5f].Type);
        Assert.Equal(ScalarType.Bool, held[true].Type);
    }

    [Fact]
    public void Equal_values_share_a_scalar_but_kinds_and_signed_zeros_stay_apart()
    {
        using var held = new HeldScalars();
        Assert.Same(held[3], held[3L]);
        Assert.Same(held[0.25], held[0.25f]);
        Assert.NotSame(held[1], held[1.0]);
        Assert.NotSame(held[0.0], held[-0.0]);

        using var x = ones(3, dtype: ScalarType.Float32);
        using var negative = x.mul(held[-0.0]);
        Assert.All(negative.data<float>().ToArray(), v => Assert.True(float.IsNegative(v), "1 * -0.0 is -0.0"));
    }

    [Fact]
    public void Scalars_reach_libtorch_with_their_values()
    {
        using var held = new HeldScalars();
        using var x = arange(held[0], held[4], held[1], dtype: ScalarType.Int64);
        using var y = x.mul(held[3]).add(held[2], held[1]);
        Assert.Equal([2L, 5, 8, 11], y.data<long>().ToArray());
        using var half = x.to_type(ScalarType.Float64).mul_(held[0.5]);
        Assert.Equal([0.0, 0.5, 1.0, 1.5], half.data<double>().ToArray());
    }

    [Fact]
    public void A_disposed_scope_hands_out_nothing()
    {
        var held = new HeldScalars();
        var two = held[2];
        held.Dispose();
        held.Dispose();   // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => held[2]);
        Assert.Throws<InvalidOperationException>(() => two.Type);   // its native scalar is freed
    }
}
