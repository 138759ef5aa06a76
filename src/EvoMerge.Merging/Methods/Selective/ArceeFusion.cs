using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Selective;

/// <summary>
/// mergekit's Arcee Fusion: takes the other model's value only where the change is important.
/// Importance = |x - b| * KL(softmax(x) || softmax(b)) (softmax and KL along the last dim, 1e-8 added
/// to both distributions); the change is kept where importance >= median + 1.5 IQR of all importances
/// (quantiles as mergekit takes them: the sorted value at index floor(q (n - 1))). mergekit estimates
/// the quantiles from one million random entries when a tensor has more; EvoMerge always uses all
/// entries, so the result is exact and reproducible.
/// </summary>
public sealed class ArceeFusion : IMergeMethod
{
    public const double ProbabilityFloor = 1e-8;
    public const double IqrFactor = 1.5;

    public string Name => "arcee_fusion";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; } = [];
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => 2;

    public Tensor Merge(MergeInputs inputs)
    {
        var split = BaseAndOthers.From(inputs, Name);
        if (split.Others.Count == 0) return split.Base.clone();
        if (split.Others.Count != 1)
            throw new ArgumentException($"tensor '{inputs.TensorName}': arcee_fusion takes the base model and exactly one other model, got {split.Others.Count} others");
        if (split.Base.numel() == 0) return split.Base.clone();
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var b = split.Base;
        var delta = split.Others[0].Tensor.sub(b);
        var importance = Importance(split.Others[0].Tensor, b, delta);
        // reshape: for a 0-dim tensor the importance has one entry but shape [1].
        var keep = importance.ge(Threshold(importance)).reshape(b.shape);
        return b.add(delta.mul_(keep), held[1]).MoveToOuterDisposeScope();
    }

    static Tensor Importance(Tensor x, Tensor b, Tensor delta)
    {
        using var held = new HeldScalars();
        var p = x.softmax(-1).add_(held[ProbabilityFloor], held[1]);
        var q = b.softmax(-1).add_(held[ProbabilityFloor], held[1]);
        var divergence = p.div(q).log_().mul_(p).sum(-1);
        return delta.abs().mul(divergence.unsqueeze(-1));   // out of place: a 0-dim delta broadcasts to [1]
    }

    /// <summary>median + 1.5 (q3 - q1), as a 0-dim tensor of the importances' dtype.</summary>
    static Tensor Threshold(Tensor importance)
    {
        var flat = importance.reshape(-1);
        var wide = flat.dtype is ScalarType.BFloat16 or ScalarType.Float16 ? flat.to(ScalarType.Float32) : flat;   // exact; kthvalue lacks some half types
        Tensor Quantile(float q)
        {
            // mergekit: (q * (n - 1)).long() with q a float32 tensor.
            long index = (long)(q * (float)(flat.numel() - 1));
            var (value, _) = wide.kthvalue(index + 1, 0);
            return value.to(flat.dtype);
        }
        using var held = new HeldScalars();
        var median = Quantile(0.5f);
        return Quantile(0.75f).sub(Quantile(0.25f)).mul_(held[IqrFactor]).add_(median, held[1]);
    }
}
