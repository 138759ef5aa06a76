using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Search.Config;
using EvoMerge.Search.Objectives;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

/// <summary>
/// Everything a run needs, prepared and checked before the first trial: the trial evaluator (the search space
/// and the fitness tasks with their data, checked against each other without reading weights), the objectives
/// and the run's schema, and that the optimizer can work with them. All problems found on the way are
/// reported together as one <see cref="SearchConfigException"/>.
/// </summary>
public sealed class SearchSetup : IDisposable
{
    SearchSetup(TrialEvaluator evaluator)
    {
        Evaluator = evaluator;
        Objectives = new ObjectiveSet(evaluator.Config.Tasks);
        var fitness = evaluator.Config.Fitness;
        // An IRT-estimated metric comes with its standard error, one column per task after the metrics.
        var metrics = fitness.Irt is null
            ? evaluator.Fitness.MetricColumns
            : [.. evaluator.Fitness.MetricColumns, .. evaluator.Config.Tasks.Select(IrtCalibration.StandardErrorColumn)];
        Schema = new RunSchema(evaluator.Space.GeneNames, metrics, Objectives.Infos, cachedFrom: fitness.Cache,
                               categories: CategoricalGenes(evaluator.Space), examples: fitness.Racing is not null || fitness.Irt is not null);
    }

    /// <summary>Genes whose domain names categories (method genes), so trials.csv shows the category, not the number.</summary>
    static Dictionary<string, IReadOnlyList<string>> CategoricalGenes(ISearchSpace space)
    {
        var categories = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (space is not IGeneDomains domains) return categories;
        var list = domains.GeneDomains();
        for (int g = 0; g < list.Count; g++)
            if (list[g].Labels is { } labels) categories[space.GeneNames[g]] = labels;
        return categories;
    }

    public TrialEvaluator Evaluator { get; }

    public SearchConfig Config => Evaluator.Config;

    public ISearchSpace Space => Evaluator.Space;

    public TaskSuite Fitness => Evaluator.Fitness;

    public ObjectiveSet Objectives { get; }

    public RunSchema Schema { get; }

    /// <param name="fisherCache">Where fisher's Fisher information is estimated once (RUN_DIR.fisher for a run).</param>
    public static SearchSetup Prepare(SearchConfig config, string scratchRoot, Action<string>? log = null, string? fisherCache = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new SearchSetup(TrialEvaluator.Open(config, scratchRoot, log, (space, fitness) => OptimizerProblems(config, space, fitness), fisherCache: fisherCache));
    }

    static IEnumerable<string> OptimizerProblems(SearchConfig config, ISearchSpace space, TaskSuite fitness)
    {
        if (OptimizerRegistry.Get(config.Optimizer.Name).Capabilities.NeedsPerExampleScores && fitness.Examples == 0)
            yield return $"optimizer.name: {config.Optimizer.Name} needs per-example scores, and these tasks give none.";
        if (OptimizerMemory.Problem(config.Optimizer, space.GeneNames.Count, fitness.Examples, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes) is { } memory)
            yield return memory;
    }

    public void Dispose() => Evaluator.Dispose();
}
