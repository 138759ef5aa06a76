using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// Sums of chunk tensors the way torch.sum(dim=0) over a stack computes them: term by term, in the
/// dtype's accumulation type (float32 for bf16/fp16), rounded once at the end. Each product that goes
/// in is rounded by the caller first; add_ with alpha would fuse it into one rounding (FMA) instead.
/// </summary>
public static class Accumulation
{
    /// <summary>
    /// The sum of all terms, in the terms' dtype, held in workspace slot <paramref name="slot"/>. With
    /// <paramref name="mayOverwriteFirst"/> the first term itself accumulates when no wider type is needed.
    /// </summary>
    public static Tensor Sum(IReadOnlyList<Tensor> terms, ChunkWorkspace workspace, string slot, bool mayOverwriteFirst = false)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(workspace);
        if (terms.Count == 0) throw new ArgumentException("nothing to sum", nameof(terms));
        var dtype = terms[0].dtype;
        var accumulation = DtypeScalars.AccumulationType(dtype);
        long length = terms[0].numel();
        var sum = mayOverwriteFirst && accumulation == dtype
            ? terms[0]
            : workspace.Get(slot, accumulation, length).copy_(terms[0]);
        using var held = new HeldScalars();
        for (int i = 1; i < terms.Count; i++) sum.add_(terms[i], held[1]);
        return RoundTo(sum, dtype, workspace, slot);
    }

    /// <summary><paramref name="sum"/> rounded to <paramref name="dtype"/>: itself when it already is, else a copy in the workspace.</summary>
    public static Tensor RoundTo(Tensor sum, ScalarType dtype, ChunkWorkspace workspace, string slot) =>
        sum.dtype == dtype ? sum : workspace.Get(slot + "/rounded", dtype, sum.numel()).copy_(sum);
}
