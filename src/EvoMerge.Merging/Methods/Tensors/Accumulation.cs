using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// Sums of chunk tensors the way torch.sum(dim=0) over a stack computes them: term by term, in the
/// dtype's accumulation type (float32 for bf16/fp16), rounded once at the end. Each product that goes
/// in is rounded by the caller first; add_ with alpha would fuse it into one rounding (FMA) instead.
/// </summary>
public static class Accumulation
{
    /// <summary>Adds <paramref name="term"/> to <paramref name="sum"/> in place, or starts a new sum (a copy) when it is null.</summary>
    public static Tensor Add(Tensor? sum, Tensor term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return sum is null ? term.to(DtypeScalars.AccumulationType(term.dtype), copy: true) : sum.add_(term);
    }

    /// <summary>
    /// The sum of all terms, in the terms' dtype. With <paramref name="mayOverwriteFirst"/> the first
    /// term itself accumulates when no wider type is needed (saves a copy of temporaries).
    /// </summary>
    public static Tensor Sum(IReadOnlyList<Tensor> terms, bool mayOverwriteFirst = false)
    {
        if (terms.Count == 0) throw new ArgumentException("nothing to sum", nameof(terms));
        var dtype = terms[0].dtype;
        Tensor? sum = mayOverwriteFirst && DtypeScalars.AccumulationType(dtype) == dtype ? terms[0] : null;
        foreach (var term in sum is null ? terms : terms.Skip(1)) sum = Add(sum, term);
        return RoundTo(sum!, dtype);
    }

    /// <summary><paramref name="sum"/> rounded to <paramref name="dtype"/> (itself when it already is).</summary>
    public static Tensor RoundTo(Tensor sum, ScalarType dtype) => sum.dtype == dtype ? sum : sum.to(dtype);
}
