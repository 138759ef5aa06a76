using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// Global sums over large tensors in float64, chunk by chunk (no full-size temporaries). Used where a
/// single number steers a whole tensor (slerp's angle, rescale norms), so its accuracy does not decay
/// with the tensor's size.
/// </summary>
public static class PreciseReductions
{
    /// <summary>Sum of |x| over a flattened tensor.</summary>
    public static double L1(Tensor flat)
    {
        double total = 0;
        foreach (var r in Chunking.Split(flat.numel()))
        {
            using var scope = NewDisposeScope();
            total += flat.narrow(0, r.Start, r.Length).to(ScalarType.Float64).abs_().sum().item<double>();
        }
        return total;
    }

    /// <summary>(a·b, a·a, b·b) over two flattened tensors of equal length.</summary>
    public static (double Dot, double SquaredNormA, double SquaredNormB) DotAndSquaredNorms(Tensor a, Tensor b)
    {
        if (a.numel() != b.numel())
            throw new ArgumentException($"tensors differ in length ({a.numel()} vs {b.numel()})");
        double ab = 0, aa = 0, bb = 0;
        foreach (var r in Chunking.Split(a.numel()))
        {
            using var scope = NewDisposeScope();
            var x = a.narrow(0, r.Start, r.Length).to(ScalarType.Float64);
            var y = b.narrow(0, r.Start, r.Length).to(ScalarType.Float64);
            ab += x.dot(y).item<double>();
            aa += x.dot(x).item<double>();
            bb += y.dot(y).item<double>();
        }
        return (ab, aa, bb);
    }
}
