using EvoMerge.Merging.Methods.Interpolation;
using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods;

/// <summary>
/// mergekit's NuSLERP: two models with weights w1, w2 give t = w2 / (w1 + w2) (0.5 when
/// |w1 + w2| &lt; 1e-6). With a base model (which must not be one of the two; listed or not, it is the
/// third input), y = b + slerp(t, x1 - b, x2 - b); without, y = slerp(t, x1, x2). The slerp normalizes with norms clamped to at least 1e-7,
/// clamps the cosine to [-1, 1] and interpolates linearly where |sin Omega| &lt; 1e-8. Globals:
/// nuslerp_flatten (default true: one angle for the whole tensor) and nuslerp_row_wise (default
/// false; when not flattening, angles per vector along the last dim, or with row_wise along dim 0).
/// Computes in the input dtype like mergekit; the flattened default runs chunk by chunk with the
/// angle's sums in float64 (<see cref="FlatNuslerp"/>).
/// </summary>
public sealed class Nuslerp : IMergeMethod
{
    public const double WeightSumGuard = 1e-6;
    public const double NormClamp = 1e-7;
    public const double ColinearSine = 1e-8;

    readonly ParameterSpec _flatten = StandardParameters.Flag("nuslerp_flatten", true);
    readonly ParameterSpec _rowWise = StandardParameters.Flag("nuslerp_row_wise", false);
    readonly ParameterSpec _weight = StandardParameters.Weight();

    readonly long _chunkElements;

    /// <param name="chunkElements">Elements processed per step of the flattened path (see <see cref="Chunking"/>).</param>
    public Nuslerp(long chunkElements = Chunking.DefaultChunkElements)
    {
        _chunkElements = chunkElements > 0 ? chunkElements : throw new ArgumentOutOfRangeException(nameof(chunkElements), chunkElements, "must be positive");
        GlobalParameters = [_rowWise, _flatten];
        ModelParameters = [_weight];
    }

    public string Name => "nuslerp";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; }
    public BaseModelUse BaseModel => BaseModelUse.Optional;
    /// <summary>Two models, plus the base model when there is one (checked in <see cref="Validate"/>).</summary>
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string where = ParameterReader.Where(inputs.TensorName);
        var merged = inputs.Models.Where(m => !m.IsBase).ToArray();
        if (merged.Length != 2)
            throw new ArgumentException($"{where}: nuslerp needs exactly two models besides the base model, got {merged.Length}");
        var (first, second) = (merged[0], merged[1]);
        var reference = inputs.Base is null ? (first.ModelName, first.Tensor) : ("base", inputs.Base);
        InputChecks.RequireSameLayout(inputs.TensorName, Name, reference, [(first.ModelName, first.Tensor), (second.ModelName, second.Tensor)]);

        double w1 = ParameterReader.Number(first.Parameters, _weight, ParameterReader.Where(inputs.TensorName, first.ModelName));
        double w2 = ParameterReader.Number(second.Parameters, _weight, ParameterReader.Where(inputs.TensorName, second.ModelName));
        double t = Math.Abs(w1 + w2) < WeightSumGuard ? 0.5 : w2 / (w1 + w2);
        bool flatten = ParameterReader.Flag(inputs.GlobalParameters, _flatten, where);
        bool rowWise = ParameterReader.Flag(inputs.GlobalParameters, _rowWise, where);

        if (flatten) return FlatNuslerp.Merge(t, first.Tensor, second.Tensor, inputs.Base, _chunkElements);
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        if (inputs.Base is null)
            return Interpolate(t, first.Tensor, second.Tensor, rowWise, flatten).MoveToOuterDisposeScope();
        var b = inputs.Base;
        var result = Interpolate(t, first.Tensor.sub(b), second.Tensor.sub(b), rowWise, flatten);
        return b.add(result, held[1]).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int merged = context.Models.Count(m => !m.IsBase);
        if (merged == 2) return [];
        return context.HasBaseModel && merged == 1
            ? ["nuslerp: the base model cannot be one of the two models to merge; list two other models"]
            : [$"nuslerp needs exactly two models besides the base model, got {merged}"];
    }

    /// <summary>Spherical interpolation of <paramref name="v0"/> (t = 0) and <paramref name="v1"/> (t = 1), in their dtype.</summary>
    public static Tensor Interpolate(double t, Tensor v0, Tensor v1, bool rowWise, bool flatten)
    {
        ArgumentNullException.ThrowIfNull(v0);
        ArgumentNullException.ThrowIfNull(v1);
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var shape = v0.shape;
        bool transposed = !flatten && rowWise && v0.dim() > 1;
        if (flatten) (v0, v1) = (v0.reshape(-1), v1.reshape(-1));
        else if (transposed) (v0, v1) = (v0.transpose(0, -1), v1.transpose(0, -1));

        var u0 = v0.div(v0.norm(-1, keepdim: true).clamp_min(held[NormClamp]));
        var u1 = v1.div(v1.norm(-1, keepdim: true).clamp_min(held[NormClamp]));
        var cosine = u0.mul_(u1).sum(-1, keepdim: true);
        var theta = cosine.clamp_(held[-1], held[1]).acos_();
        var sinTheta = theta.sin();
        var slerped = v0.mul(theta.mul(held[1 - t]).sin_()).add_(v1.mul(theta.mul(held[t]).sin_()), held[1]).div_(sinTheta);
        var linear = v0.mul(held[1 - t]).add_(v1.mul(held[t]), held[1]);
        var result = where(sinTheta.abs().lt(held[ColinearSine]), linear, slerped);
        if (transposed) result = result.transpose(0, -1);
        return result.reshape(shape).MoveToOuterDisposeScope();
    }
}
