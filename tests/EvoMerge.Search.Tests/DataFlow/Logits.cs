using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Search.Tests.DataFlow;

/// <summary>A padded two-row batch and logit comparisons between models.</summary>
static class Logits
{
    public static (Tensor Ids, Tensor Mask) Batch() =>
        (tensor(new long[] { 0, 0, 3, 17, 5, 9, 4, 8, 15, 16, 23, 2 }).view(2, 6),
         tensor(new long[] { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }).view(2, 6));

    /// <summary>Bit-for-bit equal logits on the batch (same weights, same operations in the same order).</summary>
    public static void AssertIdentical(ICausalLm expected, ICausalLm actual)
    {
        using var scope = NewDisposeScope();
        var (ids, mask) = Batch();
        var a = expected.Forward(ids, mask);
        var b = actual.Forward(ids, mask);
        Assert.Equal(a.shape, b.shape);
        double difference = (a - b).abs().max().item<float>();
        Assert.True(a.eq(b).all().item<bool>(), $"logits differ by up to {difference:E2}");
    }

    public static double MaxDifference(ICausalLm first, ICausalLm second)
    {
        using var scope = NewDisposeScope();
        var (ids, mask) = Batch();
        return (first.Forward(ids, mask) - second.Forward(ids, mask)).abs().max().item<float>();
    }
}
