using EvoMerge.Merging.Methods.Parameters;
using EvoMerge.Merging.Methods.Sparsification;
using EvoMerge.Merging.Methods.Tensors;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.TaskArithmeticFamily;

/// <summary>
/// mergekit's generalized task arithmetic, configured by a <see cref="TaskArithmeticVariant"/>: task
/// vectors d_i = x_i - b of the listed non-base models are sparsified, optionally rescaled, weighted,
/// combined (plainly or by sign election) and added back to the base, scaled by lambda.
/// Globals: normalize, rescale, lambda, int8_mask (accepted for compatibility; it only changes
/// mergekit's mask storage, never the result) and, for DARE, <c>dare_rescale_inverse_density</c>:
/// when true (and rescale is true) kept entries are divided by the density as in the DARE paper
/// instead of mergekit's L1-norm match. Per model: weight, density, plus gamma (breadcrumbs) or
/// epsilon (della).
/// </summary>
public sealed class TaskArithmeticFamilyMethod : IMergeMethod
{
    public const string InverseDensityRescaleName = "dare_rescale_inverse_density";

    readonly TaskArithmeticVariant _variant;
    readonly ISparsifier? _sparsifier;
    readonly long _chunkElements;
    readonly ParameterSpec _normalize, _rescale, _lambda, _inverseDensity, _weight, _density, _gamma, _epsilon;

    /// <param name="chunkElements">Elements processed per step (see <see cref="Chunking"/>); tests use small chunks.</param>
    public TaskArithmeticFamilyMethod(TaskArithmeticVariant variant, long chunkElements = Chunking.DefaultChunkElements)
    {
        _variant = variant ?? throw new ArgumentNullException(nameof(variant));
        _chunkElements = chunkElements > 0 ? chunkElements : throw new ArgumentOutOfRangeException(nameof(chunkElements), chunkElements, "must be positive");
        _sparsifier = variant.Sparsification switch
        {
            SparsificationKind.None => null,
            SparsificationKind.Magnitude => new Magnitude(),
            SparsificationKind.Random => new RandomDare(),
            SparsificationKind.MagnitudeOutliers => new Breadcrumbs(),
            SparsificationKind.RankMagnitudeSampling => new Della(),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant.Sparsification, "unknown sparsification"),
        };
        _normalize = StandardParameters.Flag("normalize", variant.DefaultNormalize);
        _rescale = StandardParameters.Flag("rescale", variant.DefaultRescale);
        _lambda = StandardParameters.Lambda();
        _inverseDensity = StandardParameters.Flag(InverseDensityRescaleName, false);
        _weight = StandardParameters.Weight();
        _density = StandardParameters.Density();
        _gamma = StandardParameters.Gamma();
        _epsilon = StandardParameters.Epsilon();

        var globals = new List<ParameterSpec> { _normalize, _rescale, _lambda, StandardParameters.Flag("int8_mask", false) };
        if (variant.Sparsification == SparsificationKind.Random) globals.Add(_inverseDensity);
        GlobalParameters = globals;
        var perModel = new List<ParameterSpec> { _weight, _density };
        if (variant.Sparsification == SparsificationKind.MagnitudeOutliers) perModel.Add(_gamma);
        if (variant.Sparsification == SparsificationKind.RankMagnitudeSampling) perModel.Add(_epsilon);
        ModelParameters = perModel;
    }

    public string Name => _variant.Name;
    public TaskArithmeticVariant Variant => _variant;
    public IReadOnlyList<ParameterSpec> GlobalParameters { get; }
    public IReadOnlyList<ParameterSpec> ModelParameters { get; }
    public BaseModelUse BaseModel => BaseModelUse.Required;
    public int? RequiredModelCount => null;

    public Tensor Merge(MergeInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var scope = NewDisposeScope();
        var baseTensor = InputChecks.RequireBase(inputs, Name);
        var models = inputs.Models.Where(m => !m.IsBase).ToArray();   // mergekit skips the base's own task vector
        InputChecks.RequireSameLayout(inputs.TensorName, Name, ("base", baseTensor), models.Select(m => (m.ModelName, m.Tensor)));
        if (models.Length == 0) return baseTensor.clone().MoveToOuterDisposeScope();

        string where = ParameterReader.Where(inputs.TensorName);
        bool normalize = ParameterReader.Flag(inputs.GlobalParameters, _normalize, where);
        double lambda = ParameterReader.Number(inputs.GlobalParameters, _lambda, where);
        var rescale = RescaleModeOf(inputs.GlobalParameters, where);

        var shape = baseTensor.shape;
        var chunks = Chunking.Split(baseTensor.numel(), _sparsifier?.ChunkAlignment(shape) ?? 1, _chunkElements);
        var baseFlat = baseTensor.contiguous().view(-1);
        var contributions = models.Select(m => Prepare(m, baseFlat, shape, chunks, rescale, inputs)).ToArray();
        var merged = TaskArithmeticMerger.Merge(baseFlat, contributions, chunks, _variant.SignConsensus, normalize, lambda);
        return merged.view(shape).MoveToOuterDisposeScope();
    }

    public IReadOnlyList<string> Validate(MergeValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<string>();
        if (!context.HasBaseModel)
            problems.Add($"merge method '{Name}' needs a base_model");
        if (_variant.Sparsification != SparsificationKind.RankMagnitudeSampling) return problems;
        foreach (var (model, _, parameters) in context.Models.Where(m => !m.IsBase))
        {
            double density = parameters.GetValueOrDefault(_density.Name, _density.Default!.Value);
            double epsilon = parameters.GetValueOrDefault(_epsilon.Name, _epsilon.Default!.Value);
            if (Sparsification.Della.ProbabilityRangeProblem(density, epsilon) is string problem)
                problems.Add($"model '{model}': {problem}");
        }
        return problems;
    }

    RescaleMode RescaleModeOf(IReadOnlyDictionary<string, double> globals, string where)
    {
        if (!ParameterReader.Flag(globals, _rescale, where)) return RescaleMode.None;
        bool inverse = _variant.Sparsification == SparsificationKind.Random
            && ParameterReader.Flag(globals, _inverseDensity, where);
        return inverse ? RescaleMode.InverseDensity : RescaleMode.L1Norm;
    }

    TaskVectorContribution Prepare(MethodInputModel model, Tensor baseFlat, long[] shape, IReadOnlyList<ChunkRange> chunks,
        RescaleMode rescale, MergeInputs inputs)
    {
        string where = ParameterReader.Where(inputs.TensorName, model.ModelName);
        double weight = ParameterReader.Number(model.Parameters, _weight, where);
        var source = new TaskVectorSource(model.Tensor.contiguous().view(-1), baseFlat, shape, chunks);
        if (_sparsifier is null) return new TaskVectorContribution(source, null, 1, weight);

        // gamma and epsilon are read only by the methods that declare them.
        var kind = _variant.Sparsification;
        var settings = new SparsificationSettings(
            ParameterReader.Number(model.Parameters, _density, where),
            kind == SparsificationKind.MagnitudeOutliers ? ParameterReader.Number(model.Parameters, _gamma, where) : 0,
            kind == SparsificationKind.RankMagnitudeSampling ? ParameterReader.Number(model.Parameters, _epsilon, where) : 0,
            inputs.Generator,
            where);
        var mask = _sparsifier.Prepare(source, settings);
        double factor = mask is null ? 1 : rescale switch
        {
            RescaleMode.L1Norm => L1Rescale.Factor(source, mask),
            RescaleMode.InverseDensity => 1 / settings.Density,
            _ => 1,
        };
        return new TaskVectorContribution(source, mask, factor, weight);
    }
}
