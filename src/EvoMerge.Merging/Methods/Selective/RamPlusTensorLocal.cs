using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Selective;

/// <summary>
/// mergekit's ramplus_tl (RAM+, tensor-local): RAM, with each model's unique changes boosted by
/// lambda_i = 1 + r * clamp(rho_i, 0, alpha), where rho_i = shared_i / max(unique_i, epsilon) counts, in
/// this tensor, the entries model i shares with others over those only it changes. So a model whose
/// changes are mostly shared (and thus averaged away) gets its unique changes scaled up to compensate.
/// </summary>
public sealed class RamPlusTensorLocal : IMergeMethod
{
    readonly ParameterSpec _r = RamParameters.BoostRate();
    readonly ParameterSpec _alpha = RamParameters.BoostCap();
    readonly ParameterSpec _epsilon = RamParameters.Epsilon();

    public RamPlusTensorLocal() => GlobalParameters = [_r, _alpha, _epsilon];

    public string Name => "ramplus_tl";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        var split = BaseAndOthers.From(inputs, Name);
        if (split.Others.Count == 0) return split.Base.clone();
        string where = ParameterReader.Where(inputs.TensorName);
        double r = ParameterReader.Number(inputs.GlobalParameters, _r, where);
        double alpha = ParameterReader.Number(inputs.GlobalParameters, _alpha, where);
        double epsilon = ParameterReader.Number(inputs.GlobalParameters, _epsilon, where);
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var parts = new RamContributions(split.StackedTaskVectors(), epsilon);
        // Counts per model, as float32 like mergekit's integer counts divided by a clamped float.
        var sharedCounts = parts.Changes.logical_and(parts.Shared).sum(1, type: ScalarType.Float32);
        var uniqueCounts = parts.Changes.logical_and(parts.Unique).sum(1, type: ScalarType.Float32);
        var rho = sharedCounts.div_(uniqueCounts.clamp_min_(held[epsilon]));
        var lambda = rho.clamp_(held[0], held[alpha]).mul_(held[r]).add_(held[1], held[1]).to(split.Base.dtype).unsqueeze(-1);
        var merged = parts.Changed.mul(parts.Unique).mul_(lambda).add_(parts.SharedMeanTerms(), held[1]).sum(0L);
        return split.Base.add(merged.view(split.Base.shape), held[1]).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HasBaseModel ? [] : ["ramplus_tl needs a base_model"];
    }
}
