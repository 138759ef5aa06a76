using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// Global sums over large tensors in float64, chunk by chunk. Used where a single number steers a
/// whole tensor (slerp's angle, rescale norms), so its accuracy does not decay with the tensor's size.
/// </summary>
public static class PreciseReductions
{
    /// <summary>(a·b, a·a, b·b) over two flattened tensors of equal length.</summary>
    public static (double Dot, double SquaredNormA, double SquaredNormB) DotAndSquaredNorms(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.numel() != b.numel())
            throw new ArgumentException($"tensors differ in length ({a.numel()} vs {b.numel()})");
        var chunks = Chunking.Split(a.numel());
        using var workspace = ChunkWorkspace.For(chunks, a.device);
        double ab = 0, aa = 0, bb = 0;
        foreach (var r in chunks)
        {
            using var scope = NewDisposeScope();
            var x = workspace.Get("a", ScalarType.Float64, r.Length).copy_(a.narrow(0, r.Start, r.Length));
            var y = workspace.Get("b", ScalarType.Float64, r.Length).copy_(b.narrow(0, r.Start, r.Length));
            ab += x.dot(y).item<double>();
            aa += x.dot(x).item<double>();
            bb += y.dot(y).item<double>();
        }
        return (ab, aa, bb);
    }

    /// <summary>Sum of |x| over one chunk, summed in float32 or wider (bf16/fp16 chunks are widened first).</summary>
    public static double ChunkL1(Tensor chunk, ChunkWorkspace workspace, string slot)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(workspace);
        var magnitudes = workspace.Get(slot, DtypeScalars.AccumulationType(chunk.dtype), chunk.numel()).copy_(chunk).abs_();
        using var sum = magnitudes.sum();
        return sum.to(ScalarType.Float64).item<double>();
    }
}
