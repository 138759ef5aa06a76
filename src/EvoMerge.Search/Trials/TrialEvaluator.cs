using System.Diagnostics;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
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
    readonly Dictionary<FitnessSlice, TaskSuite> _slices = [];
    readonly Dictionary<string, TaskSuite> _anchored = new(StringComparer.Ordinal);
    readonly string _scratchRoot;
    readonly Action<string>? _log;
    readonly IReadOnlyDictionary<string, string>? _commandEnvironment;

    TrialEvaluator(SearchConfig config, ISearchSpace space, TaskSuite fitness, string scratchRoot, Action<string>? log,
                   IReadOnlyDictionary<string, string>? commandEnvironment)
    {
        _scratchRoot = scratchRoot;
        _log = log;
        _commandEnvironment = commandEnvironment;
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
    /// <c>CUDA_VISIBLE_DEVICES</c> and thread counts, so a command stays on the slot's device and share of the CPU.
    /// The race slices and IRT anchor suites opened later get the same.</param>
    /// <param name="fisherCache">Where the Fisher information fisher merges with is estimated once, before any trial (a run
    /// passes RUN_DIR.fisher, so a resume finds it again); null: a folder under <paramref name="scratchRoot"/>.</param>
    public static TrialEvaluator Open(SearchConfig config, string scratchRoot, Action<string>? log, IReadOnlyDictionary<string, string>? commandEnvironment = null,
                                      string? fisherCache = null) =>
        Open(config, scratchRoot, log, (_, _) => [], commandEnvironment, fisherCache);

    /// <summary><paramref name="moreProblems"/> adds the caller's own checks (e.g. the optimizer's needs) to the same report.</summary>
    internal static TrialEvaluator Open(SearchConfig config, string scratchRoot, Action<string>? log, Func<ISearchSpace, TaskSuite, IEnumerable<string>> moreProblems,
                                        IReadOnlyDictionary<string, string>? commandEnvironment = null, string? fisherCache = null)
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
                ResolveFisher(config, space, fisherCache ?? Path.Combine(scratchRoot, "evomerge-fisher"), log);
                return new TrialEvaluator(config, space, fitness, scratchRoot, log, commandEnvironment);
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

    /// <summary>Estimates the Fisher information fisher needs once, now, rather than in a trial; an estimate that fails stops the run.</summary>
    static void ResolveFisher(SearchConfig config, ISearchSpace space, string cacheFolder, Action<string>? log)
    {
        if (space is not IFisherWeighted { UsesFisher: true } weighted) return;
        try
        {
            foreach (var (model, folder) in weighted.ResolveFisher(cacheFolder, CancellationToken.None))
                log?.Invoke($"estimated the Fisher information of {model} from {config.Merge.FisherData?.Data} into {folder}");
        }
        catch (Merging.Config.MergeConfigException e)
        {
            throw new SearchConfigException(config.Name, [$"merge.parameters.fisher_data: {e.Message}"]);
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
    /// The materializing half of <see cref="Evaluate"/>: builds the candidate and stages it for its tasks (a
    /// command task's files written). Safe to call on another thread while an earlier trial of this evaluator is
    /// scored (the merge, the staging and the scoring share no state), never for two trials at once.
    /// </summary>
    public PreparedTrial Prepare(TrialRequest request, PhaseTimings? timings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ConfigHash != ConfigHash)
            throw new ArgumentException($"trial {request.TrialId} of run {request.RunId} was made for config {request.ConfigHash}, not this one ({ConfigHash}); start the worker with that run's config.", nameof(request));
        if (request.Genes.Length != Space.GeneNames.Count)
            throw new ArgumentException($"trial {request.TrialId} has {request.Genes.Length} genes; this config's genome has {Space.GeneNames.Count}.", nameof(request));
        var suite = request.Slice is { } slice ? SuiteFor(slice, request)
            : request.Anchors is { } anchors ? SuiteFor(anchors, request)
            : Fitness;
        var clock = Stopwatch.StartNew();
        var candidate = Space.Prepare(request.Seed, request.Genes, timings, ct);
        try
        {
            candidate.Stage(suite, timings, ct);
        }
        catch
        {
            candidate.Dispose();
            throw;
        }
        return new PreparedTrial(request.TrialId, candidate, suite, clock.Elapsed.TotalSeconds)
        {
            Slice = request.Slice,
            Anchored = request.Anchors is not null,
        };
    }

    /// <summary>The tasks on one race slice, opened the first time it is asked for (a race asks for a few, the same in every generation).</summary>
    TaskSuite SuiteFor(FitnessSlice slice, TrialRequest request)
    {
        int largest = Fitness.Tasks.Max(t => t.Examples);
        if (slice.From < 0 || slice.To <= slice.From || slice.From >= largest)
            throw new ArgumentException($"trial {request.TrialId} asks for fitness positions {slice.From}..{slice.To - 1}; this config's fitness tasks have at most {largest} examples.", nameof(request));
        lock (_slices)
        {
            if (!_slices.TryGetValue(slice, out var suite))
                _slices[slice] = suite = TaskSuiteFactory.CreateSlice(Config, _scratchRoot, _log, slice, [.. Fitness.Tasks.Select(t => t.Examples)], _commandEnvironment);
            return suite;
        }
    }

    /// <summary>The tasks on their anchor examples, opened once (the anchors stay the same after calibration).</summary>
    TaskSuite SuiteFor(int[][] anchors, TrialRequest request)
    {
        if (anchors.Length != Fitness.Tasks.Count)
            throw new ArgumentException($"trial {request.TrialId} names anchors for {anchors.Length} tasks; this config has {Fitness.Tasks.Count}.", nameof(request));
        for (int t = 0; t < anchors.Length; t++)
        {
            int examples = Fitness.Tasks[t].Examples;
            if (anchors[t].Length == 0 || anchors[t].Any(i => i < 0 || i >= examples) || anchors[t].Zip(anchors[t].Skip(1)).Any(p => p.First >= p.Second))
                throw new ArgumentException($"trial {request.TrialId}: the anchors of task {Fitness.Tasks[t].Task.Name} must be ascending indices below {examples}.", nameof(request));
        }
        string key = string.Join('|', anchors.Select(a => string.Join(',', a)));
        lock (_slices)
        {
            if (!_anchored.TryGetValue(key, out var suite))
                _anchored[key] = suite = TaskSuiteFactory.CreateAnchored(Config, _scratchRoot, _log, anchors, _commandEnvironment);
            return suite;
        }
    }

    public void Dispose()
    {
        foreach (var suite in _slices.Values) suite.Dispose();
        foreach (var suite in _anchored.Values) suite.Dispose();
        Fitness.Dispose();
        Space.Dispose();
    }
}
