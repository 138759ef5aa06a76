using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Selective;

/// <summary>
/// mergekit's RAM (Reinforced Agent Merging, arXiv 2601.13572): with task vectors d_i = x_i - b, an
/// entry changed (|d_i| > epsilon) by one model takes that model's change in full, an entry changed
/// by several takes the mean of their changes, and unchanged entries stay the base's:
/// y = b + sum_i [unique] d_i + [shared] d_i / count.
/// </summary>
public sealed class Ram : IMergeMethod
{
    readonly ParameterSpec _epsilon = RamParameters.Epsilon();

    public Ram() => GlobalParameters = [_epsilon];

    public string Name => "ram";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        var split = BaseAndOthers.From(inputs, Name);
        if (split.Others.Count == 0) return split.Base.clone();
        double epsilon = ParameterReader.Number(inputs.GlobalParameters, _epsilon, ParameterReader.Where(inputs.TensorName));
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var parts = new RamContributions(split.StackedTaskVectors(), epsilon);
        var merged = parts.Changed.mul(parts.Unique).add_(parts.SharedMeanTerms(), held[1]).sum(0L);
        return split.Base.add(merged.view(split.Base.shape), held[1]).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HasBaseModel ? [] : ["ram needs a base_model"];
    }
}
