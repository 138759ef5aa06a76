using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Papers;

/// <summary>
/// Fisher merging (Matena and Raffel, "Merging Models with Fisher-Weighted Averaging", NeurIPS 2022):
/// y = sum_i w_i (F_i + epsilon) x_i / sum_i w_i (F_i + epsilon), elementwise, with F_i the diagonal
/// Fisher information of model i (mean squared gradient of its log-likelihood on task data) and w_i
/// the per-model weight (lambda_i in the paper). Parameters a model is sure about dominate; where
/// every Fisher is 0 epsilon makes it the weighted average. Computed in float32 (or float64 for
/// float64 inputs) and rounded once. See docs/merge-methods-papers.md.
/// </summary>
public sealed class FisherMerging : IMergeMethod, IUsesFisherInformation
{
    readonly ParameterSpec _weight = new("weight", ParameterKind.Number, Required: false, Default: 1.0,
        "a finite number >= 0 (lambda_i)", v => double.IsFinite(v) && v >= 0);
    readonly ParameterSpec _epsilon = new("epsilon", ParameterKind.Number, Required: false, Default: 1e-8,
        "a finite number > 0 (added to every Fisher entry)", v => double.IsFinite(v) && v > 0);

    public FisherMerging()
    {
        GlobalParameters = [_epsilon];
        ModelParameters = [_weight];
    }

    public string Name => "fisher";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; }
    public BaseModelUse BaseModel => BaseModelUse.NotUsed;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Models.Count == 0)
            throw new ArgumentException($"tensor '{inputs.TensorName}': fisher needs at least one model");
        var first = inputs.Models[0];
        InputChecks.RequireSameLayout(inputs.TensorName, Name, (first.ModelName, first.Tensor), inputs.Models.Skip(1).Select(m => (m.ModelName, m.Tensor)));
        double epsilon = ParameterReader.Number(inputs.GlobalParameters, _epsilon, ParameterReader.Where(inputs.TensorName));
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var dtype = first.Tensor.dtype;
        var accumulation = dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        Tensor? numerator = null, denominator = null;
        foreach (var model in inputs.Models)
        {
            var fisher = model.Fisher
                ?? throw new ArgumentException($"tensor '{inputs.TensorName}': fisher needs the Fisher information of model '{model.ModelName}' (none was given)");
            if (!fisher.shape.SequenceEqual(model.Tensor.shape))
                throw new ArgumentException($"tensor '{inputs.TensorName}': the Fisher information of model '{model.ModelName}' has shape [{string.Join(", ", fisher.shape)}], the tensor [{string.Join(", ", model.Tensor.shape)}]");
            double weight = ParameterReader.Number(model.Parameters, _weight, ParameterReader.Where(inputs.TensorName, model.ModelName));
            var precision = fisher.to_type(accumulation).add(held[epsilon], held[1]).mul_(held[weight]);
            var weighted = model.Tensor.to_type(accumulation).mul(precision);
            numerator = numerator is null ? weighted : numerator.add_(weighted, held[1]);
            denominator = denominator is null ? precision : denominator.add_(precision, held[1]);
        }
        if (denominator!.eq(held[0]).any().item<bool>())
            throw new ArgumentException($"tensor '{inputs.TensorName}': fisher needs weights that are not all 0 (the weighted Fisher sum is 0)");
        return numerator!.div_(denominator).to_type(dtype).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var weights = context.Models.Select(m => m.Parameters.TryGetValue(_weight.Name, out var w) ? w : 1.0).ToArray();
        return weights.Length > 0 && weights.All(w => w == 0) ? ["fisher needs at least one model with a weight above 0"] : [];
    }
}
