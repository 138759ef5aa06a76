using EvoMerge.Merging.Methods.Consensus;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.TaskArithmeticFamily;

/// <summary>
/// Combines prepared task vectors chunk by chunk: y = b + lambda * mixed / divisor, where mixed is the
/// plain or sign-elected sum of w_i d_i' and the divisor (used only when normalizing) is the sum of the
/// (agreeing) weights, with mergekit's guards: without election |sum w| below 1e-8 becomes 1, with
/// election a zero divisor becomes 1.
/// </summary>
public static class TaskArithmeticMerger
{
    public const double PlainDivisorGuard = 1e-8;

    /// <returns>A new flat tensor like <paramref name="baseFlat"/>.</returns>
    public static Tensor Merge(Tensor baseFlat, IReadOnlyList<TaskVectorContribution> contributions,
        IReadOnlyList<ChunkRange> chunks, bool signConsensus, bool normalize, double lambda)
    {
        ArgumentNullException.ThrowIfNull(baseFlat);
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(chunks);
        if (contributions.Count == 0) throw new ArgumentException("no task vectors to merge", nameof(contributions));
        var dtype = baseFlat.dtype;
        var weights = contributions.Select(c => c.Weight).ToArray();
        double plainDivisor = DtypeScalars.Sum(weights, dtype);
        if (Math.Abs(plainDivisor) < PlainDivisorGuard) plainDivisor = 1;
        var slots = Enumerable.Range(0, contributions.Count).Select(i => $"delta/{i}").ToArray();

        using var workspace = ChunkWorkspace.For(chunks, baseFlat.device);
        var output = empty_like(baseFlat);
        using var held = new HeldScalars();
        foreach (var chunk in chunks)
        {
            using var scope = NewDisposeScope();
            var weighted = contributions
                .Select((c, i) => c.WeightedDelta(chunk, workspace.Get(slots[i], dtype, chunk.Length), workspace))
                .ToArray();
            Tensor mixed;
            if (signConsensus)
            {
                (mixed, var divisor) = SignElection.Merge(weighted, weights, workspace);
                if (normalize) mixed.div_(divisor);
            }
            else
            {
                mixed = Accumulation.Sum(weighted, workspace, "plain/sum", mayOverwriteFirst: true);
                if (normalize) mixed.div_(held[plainDivisor]);
            }
            if (lambda != 1) mixed.mul_(held[lambda]);
            // b + m and m + b round identically, so the sum can be formed in the temporary.
            output.narrow(0, chunk.Start, chunk.Length).copy_(mixed.add_(baseFlat.narrow(0, chunk.Start, chunk.Length), held[1]));
        }
        return output;
    }
}
