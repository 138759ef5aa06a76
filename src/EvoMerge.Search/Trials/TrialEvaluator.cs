using System.Diagnostics;
using EvoMerge.Search.Config;
using EvoMerge.Search.Spaces;
using EvoMerge.Search.Tasks;
using EvoMerge.Search.Timing;

namespace EvoMerge.Search.Trials;

/// <summary>
/// Turns a <see cref="TrialRequest"/> into a <see cref="TrialResult"/>: opened once from a config (the search
/// space and the fitness tasks with their data, checked against each other before any weights are read),
/// then <see cref="Evaluate"/> per candidate (or <see cref="Prepare"/> and <see cref="PreparedTrial.Score"/>, in two steps). The run loop uses one through <see cref="InProcessDispatcher"/>;
/// a worker process opens its own from the same config.
/// </summary>
public sealed class TrialEvaluator : IDisposable
{
    TrialEvaluator(SearchConfig config, ISearchSpace space, TaskSuite fitness)
    {
        Config = config;
        Space = space;
        Fitness = fitness;
        ConfigHash = SearchConfigWriter.SearchHash(config);
    }

    public SearchConfig Config { get; }

    public ISearchSpace Space { get; }

    public TaskSuite Fitness { get; }

    /// <summary>The config's resume hash: a request carrying another one belongs to another experiment.</summary>
    public string ConfigHash { get; }

    /// <summary>Builds and checks the space and the fitness tasks; all problems are reported together as one <see cref="SearchConfigException"/>.</summary>
    /// <param name="commandEnvironment">Variables for the external commands of <c>command</c> tasks: a farm slot's
    /// <c>CUDA_VISIBLE_DEVICES</c> and thread counts, so a command stays on the slot's device and share of the CPU.</param>
    public static TrialEvaluator Open(SearchConfig config, string scratchRoot, Action<string>? log, IReadOnlyDictionary<string, string>? commandEnvironment = null) =>
        Open(config, scratchRoot, log, (_, _) => [], commandEnvironment);

    /// <summary><paramref name="moreProblems"/> adds the caller's own checks (e.g. the optimizer's needs) to the same report.</summary>
    internal static TrialEvaluator Open(SearchConfig config, string scratchRoot, Action<string>? log, Func<ISearchSpace, TaskSuite, IEnumerable<string>> moreProblems,
                                        IReadOnlyDictionary<string, string>? commandEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var space = SearchSpaces.Create(config);
        try
        {
            var fitness = TaskSuiteFactory.Create(config, TaskSplit.Fitness, scratchRoot, log, commandEnvironment);
            try
            {
                var problems = space.Check(fitness).Concat(moreProblems(space, fitness)).ToList();
                if (problems.Count > 0) throw new SearchConfigException(config.Name, problems);
                return new TrialEvaluator(config, space, fitness);
            }
            catch
            {
                fitness.Dispose();
                throw;
            }
        }
        catch
        {
            space.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Materializes and scores one candidate. Anything wrong with this candidate alone (a merge that fails, an
    /// evaluator error, a non-finite metric) becomes a failed result; fatal errors and cancellation propagate.
    /// </summary>
    public TrialResult Evaluate(TrialRequest request, PhaseTimings? timings, CancellationToken ct)
    {
        using var prepared = Prepare(request, timings, ct);
        return prepared.Score(timings, ct);
    }

    /// <summary>
    /// The materializing half of <see cref="Evaluate"/>: safe to call on another thread while an earlier trial of
    /// this evaluator is scored (the merge and the tasks share no state), never for two trials at once.
    /// </summary>
    public PreparedTrial Prepare(TrialRequest request, PhaseTimings? timings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ConfigHash != ConfigHash)
            throw new ArgumentException($"trial {request.TrialId} of run {request.RunId} was made for config {request.ConfigHash}, not this one ({ConfigHash}); start the worker with that run's config.", nameof(request));
        if (request.Genes.Length != Space.GeneNames.Count)
            throw new ArgumentException($"trial {request.TrialId} has {request.Genes.Length} genes; this config's genome has {Space.GeneNames.Count}.", nameof(request));
        var clock = Stopwatch.StartNew();
        var candidate = Space.Prepare(request.Seed, request.Genes, timings, ct);
        return new PreparedTrial(request.TrialId, candidate, Fitness, clock.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
        Fitness.Dispose();
        Space.Dispose();
    }
}
