using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Stock;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods;

/// <summary>
/// Model Stock: with N listed non-base models and offsets o_i = x_i - b, c is the mean over pairs of
/// cos(o_i, o_j) (dot over the product of norms clamped to at least 1e-6, clamped to [-1, 1]),
/// t = N c / (1 + (N - 1) c) and y = t * mean(x_i) + (1 - t) * b. With filter_wise the cosines and t
/// are per row (last dim) instead of over the whole tensor. Computes in the input dtype with
/// mergekit's order of operations; the whole-tensor default runs chunk by chunk with the cosines'
/// sums in float64 (<see cref="GlobalModelStock"/>).
/// </summary>
public sealed class ModelStock : IMergeMethod
{
    public const double NormProductClamp = 1e-6;

    readonly ParameterSpec _filterWise = StandardParameters.Flag("filter_wise", false);

    readonly long _chunkElements;

    /// <param name="chunkElements">Elements processed per step of the whole-tensor path (see <see cref="Chunking"/>).</param>
    public ModelStock(long chunkElements = Chunking.DefaultChunkElements)
    {
        _chunkElements = chunkElements > 0 ? chunkElements : throw new ArgumentOutOfRangeException(nameof(chunkElements), chunkElements, "must be positive");
        GlobalParameters = [_filterWise];
    }

    public string Name => "model_stock";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var baseTensor = InputChecks.RequireBase(inputs, Name);
        var models = inputs.Models.Where(m => !m.IsBase).ToArray();
        InputChecks.RequireSameLayout(inputs.TensorName, Name, ("base", baseTensor), models.Select(m => (m.ModelName, m.Tensor)));
        if (models.Length == 0) return baseTensor.clone();
        if (models.Length < 2)
            throw new ArgumentException($"tensor '{inputs.TensorName}': model_stock needs at least two models besides the base model");
        bool filterWise = ParameterReader.Flag(inputs.GlobalParameters, _filterWise, ParameterReader.Where(inputs.TensorName));
        if (!filterWise) return GlobalModelStock.Merge(baseTensor, models.Select(m => m.Tensor).ToArray(), _chunkElements);

        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var shape = baseTensor.shape;
        // Rows whose vectors get their own angle: one row for the whole tensor, or each last-dim vector.
        long columns = filterWise && shape.Length > 0 ? shape[^1] : baseTensor.numel();
        var w0 = baseTensor.reshape(-1, Math.Max(1, columns));
        var ws = models.Select(m => m.Tensor.reshape(-1, Math.Max(1, columns))).ToArray();
        var offsets = ws.Select(w => w.sub(w0)).ToArray();
        var norms = offsets.Select(o => o.norm(-1)).ToArray();

        var cosines = new List<Tensor>();
        for (int i = 0; i < offsets.Length; i++)
            for (int j = i + 1; j < offsets.Length; j++)
                cosines.Add(offsets[i].mul(offsets[j]).sum(-1).div_(norms[i].mul(norms[j]).clamp_min(held[NormProductClamp])).clamp_(held[-1], held[1]));
        var cosine = stack(cosines).mean([0]).unsqueeze(-1);
        int n = ws.Length;
        var t = cosine.mul(held[n]).div_(cosine.mul(held[n - 1]).add_(held[1], held[1]));

        var average = ws[0].clone();
        foreach (var w in ws.Skip(1)) average.add_(w, held[1]);
        average.div_(held[n]);
        var merged = t.mul(average).add_(t.neg().add_(held[1], held[1]).mul(w0), held[1]);
        return merged.reshape(shape).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        if (!context.HasBaseModel) problems.Add("model_stock needs a base_model");
        if (context.Models.Count(m => !m.IsBase) < 2) problems.Add("model_stock needs at least two models besides the base model");
        return problems;
    }
}
