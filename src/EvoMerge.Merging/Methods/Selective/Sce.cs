using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Selective;

/// <summary>
/// mergekit's SCE (select, calculate, erase; arXiv 2408.07990) on task vectors d_i = x_i - b:
/// select keeps, when select_topk &lt; 1, the int(select_topk * nonzero) entries whose variance across
/// the models is largest (the same entries in every model); calculate weighs each model by
/// mean(d_i^2) / sum_j mean(d_j^2) (equal weights when that sum is below 1e-6); erase drops the entries
/// whose sign disagrees with the sign of sum_i d_i. y = b + sum_i w_i m_i d_i / max(sum_i w_i m_i, 1e-6).
/// </summary>
public sealed class Sce : IMergeMethod
{
    public const double WeightSumGuard = 1e-6;
    public const double DivisorClamp = 1e-6;

    readonly ParameterSpec _selectTopK = new("select_topk", ParameterKind.Number, Required: false, Default: 1.0,
        "0 <= select_topk <= 1 (the fraction of entries kept by variance across models)", v => v >= 0 && v <= 1);

    // mergekit's int8_mask only changes the dtype its masks are stored in, never the result.
    readonly ParameterSpec _int8Mask = StandardParameters.Flag("int8_mask", false);

    public Sce() => GlobalParameters = [_int8Mask, _selectTopK];

    public string Name => "sce";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        var split = BaseAndOthers.From(inputs, Name);
        if (split.Others.Count == 0) return split.Base.clone();
        double selectTopK = ParameterReader.Number(inputs.GlobalParameters, _selectTopK, ParameterReader.Where(inputs.TensorName));
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var taskVectors = split.StackedTaskVectors();
        if (selectTopK < 1) taskVectors.mul_(VarianceMask(taskVectors, selectTopK));

        var electedSign = taskVectors.sum(0L).ge_(held[0]).mul_(held[2]).sub_(held[1]);
        var agrees = taskVectors.sign().eq_(electedSign);
        var erasedWeights = ModelWeights(taskVectors).unsqueeze(-1).mul(agrees);
        var merged = taskVectors.mul(erasedWeights).sum(0L).div_(erasedWeights.sum(0L).clamp_min_(held[DivisorClamp]));
        return split.Base.add(merged.view(split.Base.shape), held[1]).MoveToOuterDisposeScope();
    }

    /// <summary>1 at the k entries of largest variance across models (k = int(fraction * nonzero variances)), else 0.</summary>
    static Tensor VarianceMask(Tensor taskVectors, double fraction)
    {
        var variance = taskVectors.var(0, unbiased: false);
        var mask = zeros_like(variance);
        if (fraction <= 0) return mask;
        long nonzero = variance.count_nonzero().item<long>();
        // mergekit multiplies the integer count by the fraction in float32, then truncates.
        long k = (long)((float)nonzero * (float)fraction);
        if (k == 0) return mask;
        var (_, indices) = variance.abs().topk((int)Math.Min(k, int.MaxValue), largest: true);
        using var held = new HeldScalars();
        return mask.index_fill_(0, indices, held[1]);
    }

    /// <summary>mean(d_i^2) normalized to sum to 1, or 1 / n each when the means sum to almost nothing.</summary>
    static Tensor ModelWeights(Tensor taskVectors)
    {
        using var held = new HeldScalars();
        var means = taskVectors.pow(held[2]).mean([1]);
        double sum = means.sum().to(ScalarType.Float64).item<double>();
        return Math.Abs(sum) < WeightSumGuard ? ones_like(means).div_(held[means.shape[0]]) : means.div_(held[sum]);
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HasBaseModel ? [] : ["sce needs a base_model"];
    }
}
