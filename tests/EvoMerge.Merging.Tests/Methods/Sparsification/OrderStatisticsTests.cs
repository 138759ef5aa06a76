using EvoMerge.Merging.Methods.Sparsification;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Sparsification;

public class OrderStatisticsTests
{
    static TaskVectorSource Source(Tensor delta, long chunkElements) =>
        new(delta, zeros_like(delta), [delta.numel()], Chunking.Split(delta.numel(), 1, chunkElements));

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float16)]
    public void Radix_selection_agrees_with_sorting(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(12);
        // Coarse values make long runs of equal magnitudes, including zeros and both signs.
        var delta = randn([5000], generator: g).mul_(held[8]).round_().div_(held[8]).to(dtype);
        var source = Source(delta, 700);
        long[] ranks = [0, 1, 777, 2500, 4998, 4999];
        var radix = RadixSelect.Find(source, ranks);
        var sorted = Inputs.Values(delta.abs().to(ScalarType.Float64).sort().Values);
        var magnitudes = delta.abs().to(ScalarType.Float64);
        for (int i = 0; i < ranks.Length; i++)
        {
            double value = sorted[ranks[i]];
            Assert.Equal(value, radix[i].Value, 6);
            Assert.Equal(magnitudes.lt(held[value]).sum().item<long>(), radix[i].CountBelow);
            Assert.Equal(magnitudes.eq(held[value]).sum().item<long>(), radix[i].CountEqual);
            Assert.Equal(radix[i], KthValueSelect.Find(source, [ranks[i]])[0]);
        }
    }

    [Fact]
    public void Ranks_outside_the_tensor_are_rejected()
    {
        using var scope = NewDisposeScope();
        var source = Source(Inputs.T(1, 2, 3), 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudeOrderStatistics.Find(source, [3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudeOrderStatistics.Find(source, [-1]));
    }
}
