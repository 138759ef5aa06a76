using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Interpolation;

/// <summary>
/// NuSLERP with one angle for the whole tensor (nuslerp_flatten: true), in two chunked passes: the
/// norms and dot product of v0 and v1 (the models, or their task vectors when there is a base), then
/// y = (sin((1-t) theta) v0 + sin(t theta) v1) / sin(theta) (+ b), or the linear mix where
/// |sin theta| &lt; 1e-8. Coefficients are rounded to the dtype, as mergekit's 0-dim tensors are.
/// </summary>
public static class FlatNuslerp
{
    public static Tensor Merge(double t, Tensor first, Tensor second, Tensor? baseTensor, long chunkElements)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        using var scope = NewDisposeScope();
        var x0 = first.contiguous().view(-1);
        var x1 = second.contiguous().view(-1);
        var b = baseTensor?.contiguous().view(-1);
        var dtype = x0.dtype;
        var chunks = Chunking.Split(x0.numel(), 1, chunkElements);
        using var workspace = ChunkWorkspace.For(chunks, x0.device);

        double squared0 = 0, squared1 = 0, dot = 0;
        foreach (var chunk in chunks)
        {
            using var chunkScope = NewDisposeScope();
            var v0 = Widened(Vector(x0, b, chunk, workspace, "v0"), workspace, "v0");
            var v1 = Widened(Vector(x1, b, chunk, workspace, "v1"), workspace, "v1");
            squared0 += v0.dot(v0).to(ScalarType.Float64).item<double>();
            squared1 += v1.dot(v1).to(ScalarType.Float64).item<double>();
            dot += v0.dot(v1).to(ScalarType.Float64).item<double>();
        }
        double cosine = Math.Clamp(dot / Math.Max(Math.Sqrt(squared0), Nuslerp.NormClamp) / Math.Max(Math.Sqrt(squared1), Nuslerp.NormClamp), -1, 1);
        double theta = Math.Acos(cosine);
        double sinTheta = DtypeScalars.Round(Math.Sin(theta), dtype);
        bool colinear = Math.Abs(sinTheta) < Nuslerp.ColinearSine;
        double c0 = DtypeScalars.Round(Math.Sin((1 - t) * theta), dtype);
        double c1 = DtypeScalars.Round(Math.Sin(t * theta), dtype);

        var output = empty_like(x0);
        using var held = new HeldScalars();
        foreach (var chunk in chunks)
        {
            using var chunkScope = NewDisposeScope();
            var v0 = Vector(x0, b, chunk, workspace, "v0");
            var v1 = Vector(x1, b, chunk, workspace, "v1");
            // In-place scalar ops on half types round the scalar to the dtype first; the sine
            // coefficients already are, but the linear mix multiplies by 1 - t and t unrounded.
            var mixed = colinear
                ? v0.mul(held[1 - t]).add_(v1.mul(held[t]), held[1])
                : v0.mul_(held[c0]).add_(v1.mul_(held[c1]), held[1]).div_(held[sinTheta]);
            if (b is not null) mixed.add_(b.narrow(0, chunk.Start, chunk.Length), held[1]);
            output.narrow(0, chunk.Start, chunk.Length).copy_(mixed);
        }
        return output.view(first.shape).MoveToOuterDisposeScope();
    }

    /// <summary>x - b over the chunk (or x itself without a base), in a workspace slot.</summary>
    static Tensor Vector(Tensor x, Tensor? b, ChunkRange chunk, ChunkWorkspace workspace, string slot)
    {
        var v = workspace.Get(slot, x.dtype, chunk.Length).copy_(x.narrow(0, chunk.Start, chunk.Length));
        return b is null ? v : v.sub_(b.narrow(0, chunk.Start, chunk.Length));
    }

    /// <summary>The chunk in float32 or wider, so dot products of bf16/fp16 data do not round in half precision.</summary>
    static Tensor Widened(Tensor v, ChunkWorkspace workspace, string slot)
    {
        var accumulation = DtypeScalars.AccumulationType(v.dtype);
        return accumulation == v.dtype ? v : workspace.Get(slot + "/wide", accumulation, v.numel()).copy_(v);
    }
}
