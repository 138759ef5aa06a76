using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods;

/// <summary>
/// Spherical interpolation between the base model (t = 0, wherever it is listed) and the other listed
/// model (t = 1), over the whole flattened tensor: with unit copies u0, u1 (normalized only when the
/// norm exceeds 1e-8), dot = u0·u1; if |dot| > 0.9995 it interpolates linearly, else with
/// Omega = acos(dot): y = sin((1-t)Omega)/sin(Omega) x0 + sin(t Omega)/sin(Omega) x1 on the
/// unnormalized tensors. Like mergekit it computes in float32 (float64 stays float64) and returns the
/// input dtype; the dot product and norms are summed in float64.
/// </summary>
public sealed class Slerp : IMergeMethod
{
    public const double ColinearThreshold = 0.9995;
    public const double NormalizeEpsilon = 1e-8;

    readonly ParameterSpec _t = StandardParameters.Interpolation();

    readonly long _chunkElements;

    /// <param name="chunkElements">Elements processed per step (see <see cref="Chunking"/>); tests use small chunks.</param>
    public Slerp(long chunkElements = Chunking.DefaultChunkElements)
    {
        _chunkElements = chunkElements > 0 ? chunkElements : throw new ArgumentOutOfRangeException(nameof(chunkElements), chunkElements, "must be positive");
        GlobalParameters = [_t];
    }

    public string Name => "slerp";
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; } = [];
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => 2;

    public Tensor Merge(MergeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var start = inputs.Models.Where(m => m.IsBase).ToArray();
        var end = inputs.Models.Where(m => !m.IsBase).ToArray();
        if (inputs.Models.Count != 2 || start.Length != 1)
            throw new ArgumentException($"tensor '{inputs.TensorName}': slerp needs exactly two listed models, one of them the base model");
        double t = ParameterReader.Number(inputs.GlobalParameters, _t, ParameterReader.Where(inputs.TensorName));
        InputChecks.RequireSameLayout(inputs.TensorName, Name, (start[0].ModelName, start[0].Tensor), [(end[0].ModelName, end[0].Tensor)]);

        using var scope = NewDisposeScope();
        var x0 = start[0].Tensor.contiguous().view(-1);
        var x1 = end[0].Tensor.contiguous().view(-1);
        var (c0, c1) = Coefficients(t, x0, x1);
        var work = x0.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        var output = empty_like(x0);
        var chunks = Chunking.Split(x0.numel(), 1, _chunkElements);
        using var workspace = ChunkWorkspace.For(chunks, x0.device);
        using var held = new HeldScalars();
        foreach (var chunk in chunks)
        {
            using var chunkScope = NewDisposeScope();
            var a = workspace.Get("slerp/start", work, chunk.Length).copy_(x0.narrow(0, chunk.Start, chunk.Length)).mul_(held[c0]);
            var b = workspace.Get("slerp/end", work, chunk.Length).copy_(x1.narrow(0, chunk.Start, chunk.Length)).mul_(held[c1]);
            output.narrow(0, chunk.Start, chunk.Length).copy_(a.add_(b, held[1]));
        }
        return output.view(start[0].Tensor.shape).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.HasBaseModel) return ["slerp needs a base_model (the t = 0 end)"];
        return context.Models.Count(m => m.IsBase) == 1 && context.Models.Count == 2
            ? []
            : ["slerp needs exactly two listed models, one of them the base model"];
    }

    /// <summary>The multipliers of x0 and x1 for interpolation parameter <paramref name="t"/>.</summary>
    public static (double C0, double C1) Coefficients(double t, Tensor x0Flat, Tensor x1Flat)
    {
        var (dot, squared0, squared1) = PreciseReductions.DotAndSquaredNorms(x0Flat, x1Flat);
        double norm0 = Math.Sqrt(squared0), norm1 = Math.Sqrt(squared1);
        double unitDot = dot / (norm0 > NormalizeEpsilon ? norm0 : 1) / (norm1 > NormalizeEpsilon ? norm1 : 1);
        if (Math.Abs(unitDot) > ColinearThreshold) return (1 - t, t);
        double omega = Math.Acos(unitDot);
        double sinOmega = Math.Sin(omega);
        return (Math.Sin(omega - omega * t) / sinOmega, Math.Sin(omega * t) / sinOmega);
    }
}
