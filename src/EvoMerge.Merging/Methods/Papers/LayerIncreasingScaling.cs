using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Papers;

/// <summary>
/// LiNeS (Wang et al., "LiNeS: Post-training Layer Scaling Prevents Forgetting and Enhances Model
/// Merging", ICLR 2025): task arithmetic whose merged task vector is scaled by depth,
/// y = b + (alpha + beta * t) * sum_i w_i d_i, with t = i / (L - 1) the relative depth of layer i
/// (<see cref="MergeInputs.LayerPosition"/>; 0 for embeddings, final norm and head). Shallow layers,
/// which hold general features, stay near the base; deep, task-specific ones take more of the tasks.
/// See docs/merge-methods-papers.md.
/// </summary>
public sealed class LayerIncreasingScaling : IMergeMethod
{
    readonly ParameterSpec _weight = new("weight", ParameterKind.Number, Required: false, Default: 1.0, "any finite number", double.IsFinite);
    readonly ParameterSpec _alpha = new("alpha", ParameterKind.Number, Required: true, Default: null,
        "any finite number (the scale at the first layer)", double.IsFinite);
    readonly ParameterSpec _beta = new("beta", ParameterKind.Number, Required: true, Default: null,
        "any finite number (added to the scale from the first to the last layer)", double.IsFinite);

    public LayerIncreasingScaling()
    {
        GlobalParameters = [_alpha, _beta];
        ModelParameters = [_weight];
    }

    public string Name => "lines";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; }
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        var split = BaseAndOthers.From(inputs, Name);
        if (split.Others.Count == 0) return split.Base.clone();
        if (!(inputs.LayerPosition is >= 0 and <= 1))
            throw new ArgumentException($"tensor '{inputs.TensorName}': lines needs a layer position in [0, 1], got {inputs.LayerPosition}");
        string where = ParameterReader.Where(inputs.TensorName);
        double scale = ParameterReader.Number(inputs.GlobalParameters, _alpha, where)
            + ParameterReader.Number(inputs.GlobalParameters, _beta, where) * inputs.LayerPosition;
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var b = split.Base;
        var sum = zeros_like(b);
        foreach (var model in split.Others)
        {
            double w = ParameterReader.Number(model.Parameters, _weight, ParameterReader.Where(inputs.TensorName, model.ModelName));
            sum.add_(model.Tensor.sub(b).mul_(held[w]), held[1]);
        }
        return b.add(sum.mul_(held[scale]), held[1]).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HasBaseModel ? [] : ["lines needs a base_model"];
    }
}
