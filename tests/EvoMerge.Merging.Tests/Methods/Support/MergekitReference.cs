using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Support;

/// <summary>
/// mergekit's formulas written the straightforward way (whole tensors, stacks, sorts), to check the
/// chunked implementation against on tensors spanning several chunks. Sort-based masks break ties by
/// index (stable sort), the rule the implementation promises.
/// </summary>
internal static class MergekitReference
{
    /// <summary>1 for the entries whose rank by ascending (|d|, index) lies in [from, to).</summary>
    public static Tensor RankRangeMask(Tensor delta, long from, long to)
    {
        using var held = new HeldScalars();
        var flat = delta.reshape(-1);
        var (_, order) = flat.abs().sort(0, descending: false, stable: true);
        var mask = zeros_like(flat);
        if (to > from) mask.index_fill_(0, order.narrow(0, from, to - from), held[1]);
        return mask.reshape(delta.shape);
    }

    public static Tensor MagnitudeMask(Tensor delta, double density)
    {
        long n = delta.numel();
        long k = (long)Math.Floor(density * n);
        return density >= 1 ? ones_like(delta) : RankRangeMask(delta, n - k, n);
    }

    /// <summary>GTA merge of already-sparsified task vectors (mergekit's generalized_task_arithmetic).</summary>
    public static Tensor Combine(Tensor baseTensor, Tensor[] deltas, double[] weights, bool signConsensus, bool normalize, double lambda)
    {
        using var held = new HeldScalars();
        var stacked = stack(deltas);
        var w = tensor(weights.Select(x => (float)x).ToArray()).to(stacked.dtype);
        while (w.dim() < stacked.dim()) w = w.unsqueeze(-1);
        var weighted = stacked * w;
        Tensor mixed, divisor;
        if (signConsensus)
        {
            var majority = weighted.sum(dim: 0).ge(held[0]).to(stacked.dtype).mul(held[2]).sub(held[1]);
            var mask = weighted.sign().eq(majority).to(stacked.dtype);
            mixed = (weighted * mask).sum(dim: 0);
            divisor = (w * mask).sum(dim: 0);
            divisor = where(divisor.eq(held[0]), ones_like(divisor), divisor);
        }
        else
        {
            mixed = weighted.sum(dim: 0);
            divisor = w.sum(dim: 0);
            divisor = where(divisor.abs().lt(held[1e-8]), ones_like(divisor), divisor);
        }
        if (normalize) mixed = mixed / divisor;
        // mergekit scales in place (mixed_delta *= lambda); on half types in-place ops round the scalar first.
        if (lambda != 1) mixed.mul_(held[lambda]);
        return baseTensor.add(mixed, held[1]);
    }
}
