using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods;

/// <summary>
/// Copies the single listed model's tensor, multiplied by its optional <c>scale</c> parameter (as
/// mergekit). Stacking layer ranges from several models (frankenmerges) is the executor's job.
/// </summary>
public sealed class Passthrough : IMergeMethod
{
    readonly ParameterSpec _scale = new("scale", ParameterKind.Number, Required: false, Default: null, "any finite number", double.IsFinite);

    public Passthrough() => ModelParameters = [_scale];

    public string Name => "passthrough";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; } = [];
    public IReadOnlyList<ParameterSpec> ModelParameters { get; }
    public BaseModelUse BaseModel => BaseModelUse.NotUsed;
    public int? RequiredModelCount => 1;

    public Tensor Merge(MergeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Models.Count != 1)
            throw new ArgumentException($"tensor '{inputs.TensorName}': passthrough takes exactly one model, got {inputs.Models.Count}");
        var model = inputs.Models[0];
        double? scale = ParameterReader.Optional(model.Parameters, _scale, ParameterReader.Where(inputs.TensorName, model.ModelName));
        if (scale is not double s) return model.Tensor.clone();
        using var held = new HeldScalars();
        return model.Tensor.mul(held[s]);
    }
}
