using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>Order statistics of |d| with torch.kthvalue on the whole task vector (for devices other than CPU).</summary>
public static class KthValueSelect
{
    public static MagnitudeBoundary[] Find(TaskVectorSource source, IReadOnlyList<long> ranks)
    {
        using var scope = NewDisposeScope();
        var magnitudes = source.FullDelta().abs_();
        if (magnitudes.dtype is ScalarType.BFloat16 or ScalarType.Float16)
            magnitudes = magnitudes.to(ScalarType.Float32);   // exact; kthvalue is not implemented for every half type
        var result = new MagnitudeBoundary[ranks.Count];
        for (int i = 0; i < ranks.Count; i++)
        {
            using var held = new HeldScalars();
            var (values, _) = magnitudes.kthvalue(ranks[i] + 1, 0);
            double v = values.to(ScalarType.Float64).item<double>();
            long below = magnitudes.lt(held[v]).sum().item<long>();
            long equal = magnitudes.eq(held[v]).sum().item<long>();
            result[i] = new MagnitudeBoundary(v, below, equal);
        }
        return result;
    }
}
