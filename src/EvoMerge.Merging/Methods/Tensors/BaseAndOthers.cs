using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>
/// The base tensor and the other models of one merge, split the way mergekit's base-tensor methods see
/// them (the base model is never among the others, whether it was listed or appended), layouts checked.
/// </summary>
public sealed record BaseAndOthers(Tensor Base, IReadOnlyList<MethodInputModel> Others)
{
    public static BaseAndOthers From(MergeInputs inputs, string methodName)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var baseTensor = InputChecks.RequireBase(inputs, methodName);
        var others = inputs.Models.Where(m => !m.IsBase).ToArray();
        InputChecks.RequireSameLayout(inputs.TensorName, methodName, ("base", baseTensor), others.Select(m => (m.ModelName, m.Tensor)));
        return new BaseAndOthers(baseTensor, others);
    }

    /// <summary>The task vectors x_i - b stacked along a new first dim and flattened: shape [others, elements].</summary>
    public Tensor StackedTaskVectors() =>
        stack(Others.Select(m => m.Tensor.reshape(-1)).ToArray()).sub_(Base.reshape(1, -1));
}
