using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Interpolation;

/// <summary>
/// mergekit's Multi-SLERP: barycentric interpolation of any number of models on the hypersphere. Each
/// model (its task vector x_i - b when there is a base model) is scaled to unit length u_i = v_i /
/// (|v_i| + eps); with weights w_i (divided by their sum unless normalize_weights: false) the weighted
/// mean of the u_i, normalized, is the tangent point m; the weighted sum of the tangent components
/// u_i - (u_i . m) m is mapped back with the exponential map and scaled by sum_i w_i |v_i|. One model
/// is returned as is; two whose weighted unit vectors cancel are mixed linearly, more are an error.
/// </summary>
public sealed class Multislerp : IMergeMethod
{
    readonly ParameterSpec _normalize = StandardParameters.Flag("normalize_weights", true);
    readonly ParameterSpec _eps = new("eps", ParameterKind.Number, Required: false, Default: 1e-8,
        "a finite number > 0 (guards the divisions by norms)", v => double.IsFinite(v) && v > 0);
    readonly ParameterSpec _weight = StandardParameters.Weight();

    public Multislerp()
    {
        GlobalParameters = [_normalize, _eps];
        ModelParameters = [_weight];
    }

    public string Name => "multislerp";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; }
    public BaseModelUse BaseModel => BaseModelUse.Optional;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string where = ParameterReader.Where(inputs.TensorName);
        var models = inputs.Models.Where(m => !m.IsBase).ToArray();
        if (models.Length == 0)
            throw new ArgumentException($"{where}: multislerp needs at least one model besides the base model");
        var baseTensor = inputs.Base ?? inputs.Models.FirstOrDefault(m => m.IsBase)?.Tensor;
        var reference = baseTensor is null ? (models[0].ModelName, models[0].Tensor) : ("base", baseTensor);
        InputChecks.RequireSameLayout(inputs.TensorName, Name, reference, models.Select(m => (m.ModelName, m.Tensor)));
        if (models.Length == 1 || models[0].Tensor.numel() == 0) return models[0].Tensor.clone();

        bool normalize = ParameterReader.Flag(inputs.GlobalParameters, _normalize, where);
        double eps = ParameterReader.Number(inputs.GlobalParameters, _eps, where);
        var weightValues = models.Select(m => ParameterReader.Number(m.Parameters, _weight, ParameterReader.Where(inputs.TensorName, m.ModelName))).ToArray();

        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var shape = models[0].Tensor.shape;
        var vectors = stack(models.Select(m => m.Tensor.reshape(-1)).ToArray());
        if (baseTensor is not null) vectors.sub_(baseTensor.reshape(1, -1));
        var weights = tensor(weightValues, dtype: vectors.dtype, device: vectors.device);
        if (normalize) weights = weights.div(weights.sum());
        var columnWeights = weights.view(-1, 1);

        var norms = vectors.norm(-1, keepdim: true);
        var units = vectors.div(norms.add(held[eps], held[1]));
        var mean = units.mul(columnWeights).sum(0L);
        var meanNorm = mean.norm();
        Tensor result;
        if (meanNorm.to(ScalarType.Float64).item<double>() < eps)
        {
            if (models.Length != 2)
                throw new ArgumentException($"{where}: multislerp cannot interpolate: the weighted unit vectors of the models cancel out " +
                    "(e.g. opposite task vectors with equal weights); change the weights");
            result = vectors[0].mul(weights[0]).add_(vectors[1].mul(weights[1]), held[1]);
        }
        else
        {
            mean.div_(meanNorm);
            var dots = units.mul(mean).sum(-1, keepdim: true);
            var tangents = units.sub(dots.mul(mean));
            var tangent = tangents.mul_(columnWeights).sum(0L);
            var tangentNorm = tangent.norm().add_(held[eps], held[1]);
            result = mean.mul(tangentNorm.cos()).add_(tangent.mul(tangentNorm.sin().div_(tangentNorm)), held[1]);
            result.mul_(norms.squeeze(-1).mul(weights).sum());
        }
        result = result.view(shape);
        if (baseTensor is not null) result = result.add(baseTensor, held[1]);
        return result.MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Models.Any(m => !m.IsBase) ? [] : ["multislerp needs at least one model besides the base model"];
    }
}
