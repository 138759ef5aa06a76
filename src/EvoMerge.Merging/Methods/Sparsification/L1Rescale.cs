using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// mergekit's rescale: after masking, multiply by |d|_1 / |mask(d)|_1 so the task vector keeps its L1
/// norm; skipped when either norm is below 1e-7. The norms are summed in float64 over the chunks,
/// then rounded to the compute dtype as mergekit's 0-dim tensors are.
/// </summary>
public static class L1Rescale
{
    public const double NormGuard = 1e-7;

    /// <summary>The factor to multiply the masked task vector by (1 when the guard applies).</summary>
    public static double Factor(TaskVectorSource source, ITaskVectorMask mask)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mask);
        double before = 0, after = 0;
        foreach (var chunk in source.Chunks)
        {
            using var scope = NewDisposeScope();
            var delta = source.Delta(chunk);
            before += delta.abs().sum(ScalarType.Float64).item<double>();
            mask.Apply(delta, chunk);
            after += delta.abs_().sum(ScalarType.Float64).item<double>();
        }
        var dtype = source.Dtype;
        double roundedBefore = DtypeScalars.Round(before, dtype), roundedAfter = DtypeScalars.Round(after, dtype);
        if (roundedBefore < NormGuard || roundedAfter < NormGuard) return 1;
        return DtypeScalars.Round(roundedBefore / roundedAfter, dtype);
    }
}
