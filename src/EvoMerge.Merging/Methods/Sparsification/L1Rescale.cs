using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>
/// mergekit's rescale: after masking, multiply by |d|_1 / |mask(d)|_1 so the task vector keeps its L1
/// norm; skipped when either norm is below 1e-7. The norms are summed over the chunks in float64,
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
        using var workspace = ChunkWorkspace.For(source.Chunks, source.Device);
        double before = 0, after = 0;
        foreach (var chunk in source.Chunks)
        {
            using var scope = NewDisposeScope();
            var delta = source.Delta(chunk, workspace.Get("l1/delta", source.Dtype, chunk.Length));
            before += PreciseReductions.ChunkL1(delta, workspace, "l1/magnitudes");
            mask.Apply(delta, chunk, workspace);
            after += PreciseReductions.ChunkL1(delta, workspace, "l1/magnitudes");
        }
        var dtype = source.Dtype;
        double roundedBefore = DtypeScalars.Round(before, dtype), roundedAfter = DtypeScalars.Round(after, dtype);
        if (roundedBefore < NormGuard || roundedAfter < NormGuard) return 1;
        return DtypeScalars.Round(roundedBefore / roundedAfter, dtype);
    }
}
