using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Papers;

/// <summary>
/// Consensus task arithmetic with TALL masks (Wang et al., "Localizing Task Information for Improved
/// Model Merging and Compression", ICML 2024). With weighted task vectors t_i = w_i (x_i - b) and their
/// sum t = sum_i t_i, task i's TALL mask keeps the entries where |t_i| >= mask_lambda |t - t_i| (the task
/// matters there more than all the others together, scaled); the consensus mask keeps the entries where
/// at least consensus_k masks agree, dropping weights no task or only one task needs.
/// y = b + lambda * t * consensus. See docs/merge-methods-papers.md.
/// </summary>
public sealed class ConsensusTaskArithmetic : IMergeMethod
{
    readonly ParameterSpec _weight = new("weight", ParameterKind.Number, Required: false, Default: 1.0, "any finite number", double.IsFinite);
    readonly ParameterSpec _lambda = StandardParameters.Lambda();
    readonly ParameterSpec _maskLambda = new("mask_lambda", ParameterKind.Number, Required: false, Default: 0.4,
        "a finite number >= 0 (the TALL mask's threshold factor; the paper picks it from 0.2 to 0.6)", v => double.IsFinite(v) && v >= 0);
    readonly ParameterSpec _consensusK = new("consensus_k", ParameterKind.Number, Required: false, Default: 2,
        "a whole number >= 0 (how many task masks must keep an entry)", v => v >= 0 && v <= int.MaxValue && Math.Floor(v) == v);

    public ConsensusTaskArithmetic()
    {
        GlobalParameters = [_lambda, _maskLambda, _consensusK];
        ModelParameters = [_weight];
    }

    public string Name => "consensus_ta";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; }
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        var split = BaseAndOthers.From(inputs, Name);
        if (split.Others.Count == 0) return split.Base.clone();
        string where = ParameterReader.Where(inputs.TensorName);
        double lambda = ParameterReader.Number(inputs.GlobalParameters, _lambda, where);
        double maskLambda = ParameterReader.Number(inputs.GlobalParameters, _maskLambda, where);
        double k = ParameterReader.Number(inputs.GlobalParameters, _consensusK, where);
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var weights = split.Others.Select(m => ParameterReader.Number(m.Parameters, _weight, ParameterReader.Where(inputs.TensorName, m.ModelName))).ToArray();
        var taskVectors = split.StackedTaskVectors().mul_(tensor(weights, dtype: split.Base.dtype, device: split.Base.device).view(-1, 1));
        var total = taskVectors.sum(0L, keepdim: true);
        var masks = taskVectors.abs().ge(total.sub(taskVectors).abs_().mul_(held[maskLambda]));
        var consensus = masks.sum(0L, type: ScalarType.Int64).ge(held[k]);
        var merged = total.squeeze(0).mul_(consensus).mul_(held[lambda]);
        return split.Base.add(merged.view(split.Base.shape), held[1]).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HasBaseModel ? [] : ["consensus_ta needs a base_model"];
    }
}
