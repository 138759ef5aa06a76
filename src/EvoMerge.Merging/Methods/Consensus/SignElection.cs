using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Consensus;

/// <summary>
/// TIES sign election with mergekit's "sum" consensus: per entry the elected sign is +1 where the sum
/// of the weighted task vectors is >= 0, else -1; a model contributes an entry only where its weighted
/// value has the elected sign (zeros never do). The result is the sum of the agreeing values and the
/// sum of the agreeing models' weights (0 replaced by 1), as mergekit's masked sums.
/// </summary>
public static class SignElection
{
    /// <summary>
    /// Disjoint merge of one chunk. <paramref name="weighted"/> holds w_i * d_i per model (overwritten);
    /// <paramref name="weights"/> are the w_i as rounded to the chunk dtype. The results live in the workspace.
    /// </summary>
    public static (Tensor Mixed, Tensor Divisor) Merge(IReadOnlyList<Tensor> weighted, IReadOnlyList<double> weights, ChunkWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(weighted);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(workspace);
        if (weighted.Count == 0 || weighted.Count != weights.Count)
            throw new ArgumentException("need one weight per weighted task vector, and at least one");
        var dtype = weighted[0].dtype;
        var accumulation = DtypeScalars.AccumulationType(dtype);
        long length = weighted[0].numel();
        using var held = new HeldScalars();
        var sign = Accumulation.Sum(weighted, workspace, "ties/sign").ge_(held[0]).mul_(held[2]).sub_(held[1]);

        var agreeingSum = workspace.Get("ties/sum", accumulation, length);
        var agreeingWeight = workspace.Get("ties/weight", accumulation, length);
        var agrees = workspace.Get("ties/agrees", dtype, length);
        for (int i = 0; i < weighted.Count; i++)
        {
            // Times the elected sign, agreeing entries turn positive; relu drops the rest (and zeros).
            var agreeing = weighted[i].mul_(sign).relu_();
            agrees.copy_(agreeing).sign_();
            if (i == 0)
            {
                agreeingSum.copy_(agreeing);
                agreeingWeight.copy_(agrees).mul_(held[weights[0]]);
            }
            else
            {
                agreeingSum.add_(agreeing, held[1]);
                // agrees is 0 or 1, so the fused multiply-add of add_ rounds exactly like w * mask + sum.
                agreeingWeight.add_(agrees, held[weights[i]]);
            }
        }

        var mixed = Accumulation.RoundTo(agreeingSum, dtype, workspace, "ties/sum").mul_(sign);
        var divisor = Accumulation.RoundTo(agreeingWeight, dtype, workspace, "ties/weight");
        divisor.add_(agrees.copy_(divisor).eq_(held[0]), held[1]);   // mergekit: divisor[divisor == 0] = 1
        return (mixed, divisor);
    }
}
