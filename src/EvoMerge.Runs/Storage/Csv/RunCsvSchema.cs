namespace EvoMerge.Runs.Storage.Csv;

/// <summary>
/// The columns of the derived trial CSVs: <c>trial,generation,status,reason,seconds,worker</c>, then one per
/// gene (in genome order), per task metric (looked up by this name in each trial's metrics), and per
/// objective (<c>objective.&lt;name&gt;</c>, in the order of the trials' objective values). A categorical gene
/// (a searched merge method) shows the category its value decodes to (<see cref="Core.Optimization.CategoryBins"/>).
/// </summary>
public sealed record RunCsvSchema
{
    public static readonly IReadOnlyList<string> FixedColumns = ["trial", "generation", "status", "reason", "seconds", "worker"];

    /// <summary>The last column when the run has a score cache: the trial whose outcome a row reuses (empty when evaluated).</summary>
    public const string CachedFromColumn = "cached_from";

    /// <summary>A column after the objectives when the run races (<c>fitness.racing</c>): how many examples scored the trial.</summary>
    public const string ExamplesColumn = "examples";

    public RunCsvSchema(IReadOnlyList<string> geneNames, IReadOnlyList<string> metricNames, IReadOnlyList<string> objectiveNames, bool cachedFrom = false,
                        IReadOnlyDictionary<string, IReadOnlyList<string>>? categories = null, bool examples = false)
    {
        ArgumentNullException.ThrowIfNull(geneNames);
        ArgumentNullException.ThrowIfNull(metricNames);
        ArgumentNullException.ThrowIfNull(objectiveNames);
        if (objectiveNames.Count == 0)
        {
            throw new ArgumentException("A run has at least one objective.", nameof(objectiveNames));
        }

        GeneNames = geneNames.ToArray().AsReadOnly();
        MetricNames = metricNames.ToArray().AsReadOnly();
        ObjectiveNames = objectiveNames.ToArray().AsReadOnly();
        HasCachedFrom = cachedFrom;
        foreach (var name in categories?.Keys.Where(k => !GeneNames.Contains(k)) ?? [])
        {
            throw new ArgumentException($"Categorical gene \"{name}\" is not a gene of the schema.", nameof(categories));
        }

        foreach (var (name, labels) in categories ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            if (labels.Count < 2)
            {
                throw new ArgumentException($"Categorical gene \"{name}\" needs at least two categories.", nameof(categories));
            }
        }

        GeneCategories = GeneNames.Select(g => categories is not null && categories.TryGetValue(g, out var labels) ? labels : null).ToArray().AsReadOnly();
        HasExamples = examples;
        Header = [.. FixedColumns, .. GeneNames, .. MetricNames, .. ObjectiveNames.Select(ObjectiveColumn), .. (examples ? new[] { ExamplesColumn } : []),
                  .. (cachedFrom ? new[] { CachedFromColumn } : [])];
        var empty = Header.FirstOrDefault(string.IsNullOrWhiteSpace);
        if (empty is not null || ObjectiveNames.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Column names must not be empty.");
        }

        var duplicate = Header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Column \"{duplicate.Key}\" would appear twice.");
        }
    }

    public IReadOnlyList<string> GeneNames { get; }

    /// <summary>Per gene, in gene order: the category names of a categorical gene (written instead of its value), else null.</summary>
    public IReadOnlyList<IReadOnlyList<string>?> GeneCategories { get; }

    public IReadOnlyList<string> MetricNames { get; }

    public IReadOnlyList<string> ObjectiveNames { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Whether rows end with <see cref="CachedFromColumn"/>.</summary>
    public bool HasCachedFrom { get; }

    /// <summary>Whether rows have <see cref="ExamplesColumn"/> (before <see cref="CachedFromColumn"/>).</summary>
    public bool HasExamples { get; }

    public static string ObjectiveColumn(string name) => $"objective.{name}";

    /// <summary>Checks a maximize flag per objective, as the Pareto and generation summaries need.</summary>
    internal void RequireSenses(IReadOnlyList<bool> maximize)
    {
        ArgumentNullException.ThrowIfNull(maximize);
        if (maximize.Count != ObjectiveNames.Count)
        {
            throw new ArgumentException($"Got {maximize.Count} maximize flags for {ObjectiveNames.Count} objectives.", nameof(maximize));
        }
    }
}
