using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Selective;

/// <summary>
/// mergekit's NearSwap: takes the other model's value where it lies close to the base model's and keeps
/// the base elsewhere, smoothly: w = clamp(t / max(|b - x|, 1e-6), 0, 1), y = w x + (1 - w) b. So entries
/// within t of the base become the other model's, and farther ones move toward it by t / |b - x|.
/// </summary>
public sealed class Nearswap : IMergeMethod
{
    public const double DistanceClamp = 1e-6;

    readonly ParameterSpec _t = new("t", ParameterKind.Number, Required: true, Default: null,
        "a finite number >= 0 (the distance within which the other model's value is taken)", v => double.IsFinite(v) && v >= 0);

    public Nearswap() => GlobalParameters = [_t];

    public string Name => "nearswap";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => 2;

    public Tensor Merge(MergeInputs inputs)
    {
        var split = BaseAndOthers.From(inputs, Name);
        if (split.Others.Count == 0) return split.Base.clone();
        if (split.Others.Count != 1)
            throw new ArgumentException($"tensor '{inputs.TensorName}': nearswap takes the base model and exactly one other model, got {split.Others.Count} others");
        double t = ParameterReader.Number(inputs.GlobalParameters, _t, ParameterReader.Where(inputs.TensorName));
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var b = split.Base;
        var x = split.Others[0].Tensor;
        // mergekit writes t / |diff|, which torch evaluates as reciprocal(|diff|) * t.
        var w = b.sub(x).abs_().clamp_min_(held[DistanceClamp]).reciprocal_().mul_(held[t]).clamp_(held[0], held[1]);
        var keep = w.neg().add_(held[1], held[1]);
        return w.mul(x).add_(keep.mul_(b), held[1]).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HasBaseModel ? [] : ["nearswap needs a base_model"];
    }
}
