using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Config;

/// <summary>
/// A validated search configuration (see configs/demo-digits.yml for an annotated example). Paths are
/// absolute: relative ones in the YAML resolve against the directory the command runs in, as in
/// mergekit. Parsed by <c>SearchConfigParser</c>, written back by <c>SearchConfigWriter</c>.
/// </summary>
public sealed record SearchConfig
{
    /// <summary>Run name: the default run folder is <c>results/&lt;name&gt;-&lt;yyyyMMdd-HHmmss&gt;</c>.</summary>
    public required string Name { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>"cpu", "cuda" or "cuda:N": where merges run (evaluators pick their own providers).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Parent folder for run folders; null = <c>results/</c> of the repository.</summary>
    public string? Output { get; init; }

    /// <summary>
    /// Where command tasks write each candidate for their command (an existing writable folder); null = the
    /// system temp folder. Not part of the experiment: a resume may change it.
    /// </summary>
    public string? Scratch { get; init; }

    public required ModelsSpec Models { get; init; }

    public required MergeSpec Merge { get; init; }

    public required GenomeSpec Genome { get; init; }

    public required OptimizerSpec Optimizer { get; init; }

    public required BudgetSpec Budget { get; init; }

    public required IReadOnlyList<TaskSpec> Tasks { get; init; }

    /// <summary>Cheap-fitness options (<c>fitness:</c>); part of the experiment, so of the resume hash when set.</summary>
    public FitnessSpec Fitness { get; init; } = FitnessSpec.Default;
    /// <summary>Where trials are evaluated (the search process, or a farm of workers); not part of the experiment.</summary>
    public ExecutionSpec Execution { get; init; } = ExecutionSpec.InProcess;
}

/// <summary>One input model: its short name (gene and CSV names) and its checkpoint folder or file.</summary>
public sealed record ModelSource(string Name, string Path);

/// <summary>The base model (the task vectors' origin; optional for methods without one) and the experts.</summary>
public sealed record ModelsSpec(ModelSource? Base, IReadOnlyList<ModelSource> Experts);

/// <summary>
/// The mergekit method, its fixed (not searched) global parameters and the dtypes. With a list under
/// <c>merge.method</c> the method is a categorical gene: <see cref="Method"/> is the first listed one.
/// </summary>
public sealed record MergeSpec(string Method, IReadOnlyDictionary<string, double> Parameters, string? DType, string? OutDType)
{
    /// <summary>The methods a method gene chooses from, in the config's order; null when the method is fixed.</summary>
    public IReadOnlyList<string>? MethodChoices { get; init; }

    /// <summary>Every method a candidate may use: the choices, or the one fixed method.</summary>
    public IReadOnlyList<string> Methods => MethodChoices ?? [Method];

    /// <summary>Whether the method is searched (a categorical gene).</summary>
    public bool SearchesMethod => MethodChoices is not null;

    /// <summary>
    /// The task data fisher estimates each model's Fisher information from (<c>merge.parameters.fisher_data</c> and
    /// its companions; the path absolute); null when not given. Estimated once per run, into RUN_DIR.fisher/.
    /// </summary>
    public Merging.Config.FisherDataSetting? FisherData { get; init; }

    /// <summary>What a data-flow config without a merge section holds (nothing is merged by parameters).</summary>
    public static MergeSpec Unused { get; } = new("linear", new Dictionary<string, double>(), null, null);
}

/// <summary>Inclusive box of one searched parameter.</summary>
public sealed record GeneRange(double Min, double Max);

/// <summary>
/// The per-layer parameter-space genome (reference §2): layers grouped by <see cref="LayerGranularity"/>,
/// optional tensor <see cref="Filters"/> (substrings of tensor names) each with their own genes, the
/// searched method parameters with their boxes, and whether embeddings, final norm and head get genes
/// of their own.
/// </summary>
public sealed record GenomeSpec(
    string Kind,
    int LayerGranularity,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> Parameters,
    IReadOnlyDictionary<string, GeneRange> Bounds,
    bool NegativeWeights,
    bool NonLayerGenes)
{
    /// <summary>Parameter space with a method list: one method gene per layer group instead of one for the whole merge.</summary>
    public bool MethodPerGroup { get; init; }

    /// <summary>Data flow: how often the sources' layers are laid out in sequence (r; reference §2: 3).</summary>
    public int Repeats { get; init; } = 3;

    /// <summary>Data flow: the box of the input-scaling genes.</summary>
    public GeneRange ScaleBounds { get; init; } = new(0, 2);

    /// <summary>Data flow: the source whose embeddings, final norm and head are used (null: the first source).</summary>
    public string? Head { get; init; }

    /// <summary>Data flow: paths longer than this are cut (null: no limit).</summary>
    public int? MaxPathLength { get; init; }

    /// <summary>PS+DFS: a mergekit recipe (e.g. a parameter-space run's best/…/recipe.yml) merged at start and added as source "merge".</summary>
    public string? IncludeMerge { get; init; }
}

/// <summary>When the run stops: after this many evaluations (rounded up to whole generations) and/or this much running time, or on a plateau.</summary>
public sealed record BudgetSpec(long? Evaluations, TimeSpan? WallTime)
{
    /// <summary>Optional plateau stop; null = none.</summary>
    public PatienceSpec? Patience { get; init; }
}
