using System.Diagnostics;
using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Files;
using EvoMerge.Runs.Storage.Journal;
using EvoMerge.Runs.Storage.Journal.Events;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Inputs;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Timing;
using EvoMerge.Search.Trials;

namespace EvoMerge.Search.Running;

/// <summary>
/// One search run in its folder: ask a generation, journal it, materialize and evaluate each candidate,
/// journal each outcome, tell the optimizer, snapshot it now and then, and repeat until the budget or the
/// optimizer says stop. <see cref="Resume"/> continues a run stopped in any way: it restores the newest
/// usable snapshot (or a fresh optimizer) and replays the generations journaled after it, re-asking each
/// and checking the optimizer hands out exactly the journaled candidates, reusing journaled outcomes and
/// evaluating only the trials that have none. For an evaluation budget the result equals an uninterrupted run.
/// </summary>
public sealed partial class SearchRun : IDisposable
{
    const string SnapshotOptimizerKey = "optimizer";
    const string SnapshotElapsedKey = "elapsed_seconds";
    const string HashVersionKey = "config_hash_version";

    readonly RunFolder _folder;
    readonly SearchSetup _setup;
    readonly SearchRunOptions _options;
    readonly List<JournalEvent> _events;
    readonly int _snapshotGeneration;
    readonly double _elapsedBefore;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly RunTally _tally;
    readonly ITrialDispatcher _dispatcher;
    readonly OptimizerDescriptor _optimizerDescriptor;
    readonly ITrialDispatcher? _ownDispatcher;
    readonly ISlotGauge? _gauge;
    IAskTellOptimizer _optimizer;
    IReadOnlyList<Candidate> _untold;

    SearchRun(RunFolder folder, SearchSetup setup, IAskTellOptimizer optimizer, int snapshotGeneration, double elapsedBefore, SearchRunOptions options,
              IReadOnlyList<Candidate>? untold = null)
    {
        _untold = untold ?? [];
        _folder = folder;
        _setup = setup;
        _optimizer = optimizer;
        _snapshotGeneration = snapshotGeneration;
        _elapsedBefore = elapsedBefore;
        _options = options;
        _events = folder.Replay.Events.ToList();
        _tally = new RunTally(setup.Schema.Objectives, _events);
        _lastSnapshotGeneration = folder.State.LastSnapshot?.Generation ?? -1;
        _optimizerDescriptor = OptimizerRegistry.Get(setup.Config.Optimizer.Name);
        RunId = RunIds.Of(folder.State.Created);
        _dispatcher = options.Dispatcher ?? (_ownDispatcher = new InProcessDispatcher(setup.Evaluator, Timings));
        _gauge = options.SlotGauge ?? (_ownDispatcher is not null ? new InProcessSlotGauge(Timings) : null);
        _cache = setup.Config.Fitness.Cache ? new ScoreCache(setup.Space, setup.Config.Seed) : null;
    }

    public string Folder => _folder.Path;

    /// <summary>The run's id in every <see cref="TrialRequest"/> (stable across resumes).</summary>
    public string RunId { get; }

    public SearchSetup Setup => _setup;

    /// <summary>Where command tasks write candidates: <c>--scratch</c>, else the config's <c>scratch:</c>, else the temp folder.</summary>
    public string ScratchRoot => _options.ScratchFor(_setup.Config);

    /// <summary>Time per trial phase in this process (replayed outcomes are not counted).</summary>
    public PhaseTimings Timings { get; } = new();

    /// <summary>Where a run keeps the Fisher information fisher merges with: RUN_DIR.fisher, beside the run, as `merge` keeps OUT_DIR.fisher.</summary>
    public static string FisherCacheFolder(string runFolder) => Merging.Output.MergeJobOptions.FisherCacheFolder(runFolder);

    /// <summary>Checks everything, creates the run folder (it must not exist, or be empty) and starts the journal.</summary>
    public static SearchRun Start(SearchConfig config, string runFolder, SearchRunOptions? options = null)
    {
        options ??= new SearchRunOptions();
        var setup = SearchSetup.Prepare(config, options.ScratchFor(config), options.Log, FisherCacheFolder(runFolder));
        try
        {
            var extra = new JsonObject
            {
                [RunSchema.ExtraKey] = setup.Schema.ToJson(),
                ["optimizer"] = config.Optimizer.Name,
                ["genome"] = setup.Space.Kind,
                ["genome_dimension"] = setup.Space.GeneNames.Count,
                [InputIdentity.ExtraKey] = InputIdentity.Record(config),
                [HashVersionKey] = SearchConfigWriter.HashVersion,
            };
            var created = new RunCreated(setup.Evaluator.ConfigHash, config.Seed, DateTimeOffset.UtcNow, extra);
            var folder = RunFolder.Create(runFolder, SearchConfigWriter.ToYaml(config), created, options.Journal);
            try
            {
                var optimizer = NewOptimizer(setup);
                return new SearchRun(folder, setup, optimizer, -1, 0, options);
            }
            catch
            {
                folder.Dispose();
                throw;
            }
        }
        catch
        {
            setup.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Locks the run folder and gets ready to continue it. With <paramref name="replacement"/> (a config file
    /// given on resume), only the budget, device and output may differ from the stored one; the stored
    /// config.yml is then updated (atomically) so later resumes use the new budget.
    /// </summary>
    public static SearchRun Resume(string runFolder, SearchConfig? replacement = null, SearchRunOptions? options = null)
    {
        options ??= new SearchRunOptions();
        var folder = RunFolder.Open(runFolder, options.Journal);
        SearchSetup? setup = null;
        try
        {
            string configPath = Path.Combine(folder.Path, RunFolder.ConfigFileName);
            var stored = SearchConfigParser.Parse(folder.ConfigText, folder.Path, configPath, Path.GetFileName(folder.Path));
            string expected = folder.State.Created.ConfigHash;
            CheckHashVersion(folder.State.Created);
            if (SearchConfigWriter.SearchHash(stored) != expected)
                throw new ResumeRefusedException($"{configPath} was edited after the run started (its search settings no longer match the journal); restore it, or start a new run.");
            if (replacement is not null && SearchConfigWriter.SearchHash(replacement) != expected)
                throw new ResumeRefusedException("the given config changes the experiment, so the run cannot continue with it:\n"
                    + ConfigDiff.Describe(SearchConfigWriter.SearchRelevantYaml(stored), SearchConfigWriter.SearchRelevantYaml(replacement))
                    + "\nOnly budget, device, output and scratch may change on resume; start a new run for a different search.");
            var config = replacement ?? stored;
            if (InputIdentity.Differences(folder.State.Created.Extra[InputIdentity.ExtraKey], config) is { } changed)
                throw new ResumeRefusedException("an input changed since the run began, so its trials would mix two experiments:\n" + changed
                    + "\nRestore the original file(s), or start a new run.");

            setup = SearchSetup.Prepare(config, options.ScratchFor(config), options.Log, FisherCacheFolder(folder.Path));
            var storedSchema = RunSchema.From(folder.State.Created);
            if (storedSchema.ToJson().ToJsonString() != setup.Schema.ToJson().ToJsonString())
                throw new ResumeRefusedException("the models or tasks now give a different genome or metrics than when the run started (did a model folder change?).");
            if (replacement is not null)
                Core.IO.AtomicFile.WriteAllText(configPath, SearchConfigWriter.ToYaml(replacement), fsync: true);

            var (optimizer, generation, elapsed, untold) = RestoreOptimizer(folder, setup, options.Log);
            if (folder.Replay.Report.TornLastLine is { } torn)
                options.Log?.Invoke($"journal: dropped a torn last line ({torn}); its trial will be evaluated again.");
            return new SearchRun(folder, setup, optimizer, generation, elapsed, options, untold);
        }
        catch
        {
            setup?.Dispose();
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Refuses a run whose config hash was computed under another definition (absent: version 1, the first).</summary>
    static void CheckHashVersion(RunCreated created)
    {
        int version = created.Extra[HashVersionKey]?.GetValue<int>() ?? 1;
        if (version != SearchConfigWriter.HashVersion)
            throw new ResumeRefusedException($"this run was started by {(version < SearchConfigWriter.HashVersion ? "an earlier" : "a later")} EvoMerge (config hash v{version}; this one uses v{SearchConfigWriter.HashVersion}), "
                + "so its config cannot be checked against the journal; resume it with that version, or start a new run.");
    }

    /// <summary>The newest usable snapshot, or a fresh optimizer (the journal is then replayed from generation 0).</summary>
    static (IAskTellOptimizer Optimizer, int Generation, double Elapsed, IReadOnlyList<Candidate> Untold) RestoreOptimizer(RunFolder folder, SearchSetup setup, Action<string>? log)
    {
        LoadedSnapshot? loaded = null;
        try
        {
            loaded = folder.Snapshots.LoadLatestValid(folder.State.Snapshots);
        }
        catch (InvalidDataException e)
        {
            log?.Invoke($"snapshots: none usable ({e.Message}); replaying the whole journal instead.");
        }
        if (loaded is not null)
        {
            foreach (var skipped in loaded.Skipped) log?.Invoke($"snapshots: skipped {skipped}");
            try
            {
                var state = loaded.State[SnapshotOptimizerKey] as JsonObject ?? throw new InvalidDataException("no optimizer state.");
                double elapsed = loaded.State[SnapshotElapsedKey]?.GetValue<double>() ?? 0;
                var untold = UntoldCandidates.FromJson(loaded.State[UntoldCandidates.SnapshotKey]);
                return (OptimizerRegistry.Get(setup.Config.Optimizer.Name).Restore(state), loaded.Reference.Generation, elapsed, untold);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException or InvalidOperationException or System.Text.Json.JsonException)
            {
                log?.Invoke($"snapshots: {loaded.Reference.FileName} does not restore ({e.Message}); replaying the whole journal instead.");
            }
        }
        return (NewOptimizer(setup), -1, 0, []);
    }

    /// <summary>A fresh optimizer from the config's descriptor, started inside the genome's boxes at its starting point.</summary>
    static IAskTellOptimizer NewOptimizer(SearchSetup setup)
    {
        var space = setup.Space;
        var context = new OptimizerContext(space.Bounds, space.Initial(), setup.Objectives.Count, setup.Fitness.Examples, setup.Config.Seed, space as ISourceSeeds, space as IGeneDomains);
        return OptimizerRegistry.Get(setup.Config.Optimizer.Name).Create(setup.Config.Optimizer, context);
    }

    public void Dispose()
    {
        _ownDispatcher?.Dispose();
        _setup.Dispose();
        _folder.Dispose();
    }
}
