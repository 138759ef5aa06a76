using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Support;

internal static class TensorAssert
{
    /// <summary>Same shape, dtype and every value identical.</summary>
    public static void BitEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        using var scope = NewDisposeScope();
        long differing = expected.ne(actual).sum().item<long>();
        Assert.True(differing == 0,
            $"{differing} of {expected.numel()} values differ (max |diff| {(expected.to(ScalarType.Float64) - actual.to(ScalarType.Float64)).abs().max().item<double>():E3})");
    }

    public static void Close(Tensor expected, Tensor actual, double absolute, double relative = 0)
    {
        Assert.Equal(expected.shape, actual.shape);
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var e = expected.to(ScalarType.Float64);
        var excess = (actual.to(ScalarType.Float64) - e).abs() - e.abs().mul(held[relative]);
        double worst = excess.max().item<double>();
        Assert.True(worst <= absolute, $"off by {worst:E3} beyond tolerance {absolute:E1} (+ {relative:E1} relative)");
    }
}
