using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Papers;

/// <summary>
/// WIDEN (Yu et al., "Extend Model Merging from Fine-Tuned to Pre-Trained Large Language Models via
/// Weight Disentanglement", 2024). A matrix W (out x in) is split per column j into a magnitude
/// m_j = |W[:, j]| and a direction W[:, j] / m_j. For each model, how much each column moved from the base
/// (|m_i - m_0| and 1 - cos of the directions) is turned into its rank among the model's columns,
/// scaled to [0, 1). A score per model and column is the softmax of those ranks across models, or
/// score_calibration_value where the rank exceeds above_average_value_ratio times the model's mean
/// rank; the weight is the mean of the magnitude and direction scores, and y = b + sum_i weight_i d_i
/// column by column. Vectors (norms, biases) use |d_i| instead of ranks. Token embeddings are
/// transposed first, so each token is a column. See docs/merge-methods-papers.md.
/// </summary>
public sealed class WeightDisentanglement : IMergeMethod
{
    public const double ZeroNorm = 1e-12;

    readonly ParameterSpec _ratio = new("above_average_value_ratio", ParameterKind.Number, Required: false, Default: 1.0,
        "a finite number >= 0 (ranks above this times the mean count as important)", v => double.IsFinite(v) && v >= 0);
    readonly ParameterSpec _calibration = new("score_calibration_value", ParameterKind.Number, Required: false, Default: 1.0,
        "any finite number (the weight given to important columns)", double.IsFinite);

    public WeightDisentanglement() => GlobalParameters = [_ratio, _calibration];

    public string Name => "widen";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        var split = BaseAndOthers.From(inputs, Name);
        if (split.Others.Count == 0 || split.Base.numel() == 0) return split.Base.clone();
        string where = ParameterReader.Where(inputs.TensorName);
        double ratio = ParameterReader.Number(inputs.GlobalParameters, _ratio, where);
        double calibration = ParameterReader.Number(inputs.GlobalParameters, _calibration, where);
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var b = split.Base;
        var work = b.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        if (b.dim() != 2)
        {
            var flatBase = b.reshape(-1).to(work);
            var deltas = stack(split.Others.Select(m => m.Tensor.reshape(-1).to(work)).ToArray()).sub_(flatBase);
            var weights = Scores(deltas.abs(), ratio, calibration);
            return b.add(deltas.mul_(weights).sum(0L).view(b.shape).to(b.dtype), held[1]).MoveToOuterDisposeScope();
        }

        // Token embeddings are (vocab, hidden): transposed, each token becomes a column.
        bool transpose = inputs.TensorName.Contains("embed_tokens", StringComparison.Ordinal);
        Tensor Columns(Tensor t) => (transpose ? t.t() : t).to(work);
        var w0 = Columns(b);
        var (m0, u0) = Disentangle(w0);
        var magnitudeMoves = new List<Tensor>();
        var directionMoves = new List<Tensor>();
        var columnDeltas = new List<Tensor>();
        foreach (var model in split.Others)
        {
            var w = Columns(model.Tensor);
            var (m, u) = Disentangle(w);
            magnitudeMoves.Add(m.sub(m0).abs_());
            directionMoves.Add(u.mul(u0).sum(0L).neg_().add_(held[1], held[1]));   // 1 - cos: both directions are unit (or zero) columns
            columnDeltas.Add(w.sub(w0));
        }
        var magnitudeScores = Scores(WithinModelRanks(stack(magnitudeMoves)), ratio, calibration);
        var directionScores = Scores(WithinModelRanks(stack(directionMoves)), ratio, calibration);
        var columnWeights = magnitudeScores.add_(directionScores, held[1]).mul_(held[0.5]).unsqueeze(1);
        var merged = stack(columnDeltas).mul_(columnWeights).sum(0L);
        if (transpose) merged = merged.t();
        return b.add(merged.to(b.dtype), held[1]).MoveToOuterDisposeScope();
    }

    /// <summary>Column norms and unit columns; a zero column gets a zero direction (where the paper's code divides by 0).</summary>
    static (Tensor Magnitude, Tensor Direction) Disentangle(Tensor w)
    {
        using var held = new HeldScalars();
        var magnitude = w.norm(0, keepdim: false);
        var direction = w.div(magnitude.clamp_min(held[ZeroNorm]));
        return (magnitude, direction);
    }

    /// <summary>Each model's values replaced by their rank among its columns (stable, ascending), divided by the column count.</summary>
    static Tensor WithinModelRanks(Tensor values)
    {
        using var held = new HeldScalars();
        long columns = values.shape[1];
        var (_, order) = values.sort(1, descending: false, stable: true);
        var ranks = arange(held[0], held[columns], held[1], dtype: values.dtype, device: values.device).div_(held[columns]).expand(values.shape).contiguous();
        return zeros_like(values).scatter_(1, order, ranks);
    }

    /// <summary>Softmax across models, with calibration_value where a model's significance exceeds ratio times its mean.</summary>
    static Tensor Scores(Tensor significance, double ratio, double calibration)
    {
        using var held = new HeldScalars();
        var scores = significance.softmax(0);
        var important = significance.gt(significance.mean([1], keepdim: true).mul_(held[ratio]));
        return scores.masked_fill_(important, held[calibration]);
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HasBaseModel ? [] : ["widen needs a base_model"];
    }
}
