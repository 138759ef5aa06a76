using System.CommandLine;
using System.Globalization;
using EvoMerge.Cli.Terminal;
using EvoMerge.Farm;
using EvoMerge.Farm.Local;
using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.State;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Optimizers;
using EvoMerge.Search.Running;

namespace EvoMerge.Cli.Commands;

/// <summary>`evomerge search CONFIG [--out RUN_DIR]` and `evomerge resume RUN_DIR [--config FILE]`.</summary>
public static class SearchCommand
{
    public static Command Search()
    {
        var config = new Argument<FileInfo>("config") { Description = "Search YAML (see configs/demo-digits.yml). Relative paths in it resolve against the current directory." };
        var output = new Option<DirectoryInfo?>("--out") { Description = "The run folder to create (must not exist, or be empty). Default: results/<config name>-<yyyyMMdd-HHmmss>/ (or under the config's output: folder)." };
        var verbose = VerboseOption();
        var scratch = ScratchOption();
        var (workers, slots) = (WorkersOption(), SlotsOption());
        var command = new Command("search", "Search merge recipes: evolve per-layer merge parameters of the configured models, evaluate every candidate on the tasks, and journal everything in a run folder that `resume` can continue after any interruption.")
        {
            config, output, verbose, scratch, workers, slots,
        };
        command.SetAction((parse, ct) => Task.FromResult(CommandErrors.Guard(() =>
        {
            var options = Options(parse.GetValue(scratch));
            var parsed = SearchConfigParser.ParseFile(parse.GetValue(config)!.FullName, Environment.CurrentDirectory);
            parsed = parsed with { Execution = FarmPlan.Resolve(parsed.Execution, parse.GetValue(workers), parse.GetValue(slots)) };
            string folder = parse.GetValue(output)?.FullName ?? DefaultRunFolder(parsed);
            using var farm = StartFarm(parsed, options);
            using var run = SearchRun.Start(parsed, folder, options with { Dispatcher = farm?.Dispatcher, SlotGauge = farm });
            Console.WriteLine($"Run folder: {run.Folder}");
            WaitForWorkers(farm, ct);
            var genes = run.Setup.Space.GeneNames;
            Console.WriteLine($"Genome ({run.Setup.Space.Kind}): {genes.Count} genes ({string.Join(", ", genes.Take(4))}{(genes.Count > 4 ? ", ..." : "")}); optimizer {parsed.Optimizer.Name}; objectives {string.Join(", ", run.Setup.Objectives.Names)}.");
            return Execute(run, parse.GetValue(verbose), farm, ct);
        })));
        return command;
    }

    public static Command Resume()
    {
        var folder = new Argument<DirectoryInfo>("run-dir") { Description = "A run folder made by `search`." };
        var config = new Option<FileInfo?>("--config") { Description = "A config to continue with instead of the stored one; only budget, device, output and scratch may differ (e.g. to extend the budget)." };
        var verbose = VerboseOption();
        var scratch = ScratchOption();
        var (workers, slots) = (WorkersOption(), SlotsOption());
        var command = new Command("resume", "Continue a search run that stopped in any way (Ctrl-C, kill, power loss): finished trials are kept, unfinished ones run again, and for an evaluation budget the result equals an uninterrupted run.")
        {
            folder, config, verbose, scratch, workers, slots,
        };
        command.SetAction((parse, ct) => Task.FromResult(CommandErrors.Guard(() =>
        {
            var options = Options(parse.GetValue(scratch));
            var replacement = parse.GetValue(config) is { } file ? SearchConfigParser.ParseFile(file.FullName, Environment.CurrentDirectory) : null;
            string runFolder = parse.GetValue(folder)!.FullName;
            // The farm is not part of the experiment: a resume may use another number of workers than the run began with.
            var farmConfig = replacement ?? StoredConfig(runFolder);
            using var farm = farmConfig is null ? null
                : StartFarm(farmConfig with { Execution = FarmPlan.Resolve(farmConfig.Execution, parse.GetValue(workers), parse.GetValue(slots)) }, options);
            using var run = SearchRun.Resume(runFolder, replacement, options with { Dispatcher = farm?.Dispatcher, SlotGauge = farm });
            var before = run.Snapshot();
            if (AlreadyComplete(before, run.Setup.Config, run.Folder, replacement is not null) is { } complete)
            {
                Console.WriteLine(complete);
                Console.WriteLine(run.Folder);
                return ExitCodes.Success;
            }
            WaitForWorkers(farm, ct);
            Console.WriteLine($"Resuming {run.Folder}: {before.Trials.Count(t => t.Status != EvoMerge.Runs.Storage.State.TrialStatus.Pending)} trials done, {before.Pending.Count} to run again.");
            return Execute(run, parse.GetValue(verbose), farm, ct);
        })));
        return command;
    }

    static Option<int?> WorkersOption() => new("--workers")
    {
        Description = "Evaluate on N local worker processes (an evaluation farm; a crash in one does not stop the run). Wins over the config's execution.workers; 0 evaluates in this process. The results are the same for any N.",
    };

    static Option<int?> SlotsOption() => new("--slots")
    {
        Description = "Evaluation slots per worker (trials a worker evaluates at once, its CPU threads split between them). Wins over execution.slots.",
    };

    /// <summary>The run's farm when its execution uses one (workers or a cluster); null: trials run in this process.</summary>
    static SearchFarm? StartFarm(SearchConfig config, SearchRunOptions options)
    {
        if (!config.Execution.UsesFarm) return null;
        int localSlots = config.Execution.Workers * (config.Execution.Devices.Count > 0 ? 1 : config.Execution.Slots);
        if (OptimizerRegistry.Get(config.Optimizer.Name).FixedBatch(config.Optimizer) is int batch && localSlots > batch)
            Console.Error.WriteLine($"warning: {config.Optimizer.Name} asks {batch} candidate{(batch == 1 ? "" : "s")} at a time (optimizer.batch_size), so at most {batch} of the {localSlots} worker slots are busy; "
                + "raise batch_size to use them (it changes the search, so it is part of the experiment; the number of workers never is).");
        if (FarmPlan.CoresNote(config, Environment.ProcessorCount) is { } crowded) FarmNote(crowded);
        return SearchFarm.Start(config, config.Execution, WorkerLauncher.Self(), options.ScratchRoot ?? config.Scratch ?? Path.GetTempPath(), FarmNote);
    }

    static void FarmNote(string message) => Console.Error.WriteLine("note: " + message);

    /// <summary>
    /// Once the run's inputs are checked (a config error must not wait on workers), waits for the local workers,
    /// which load torch and the models first: tens of seconds on a busy machine, minutes for large models.
    /// </summary>
    static void WaitForWorkers(SearchFarm? farm, CancellationToken cancellation)
    {
        farm?.WaitForLocalWorkers(TimeSpan.FromMinutes(3), FarmNote, cancellation);
    }

    /// <summary>A run folder's stored config, or null when it cannot be read (resume then says why).</summary>
    static SearchConfig? StoredConfig(string runFolder)
    {
        string path = Path.Combine(runFolder, RunFolder.ConfigFileName);
        if (!File.Exists(path)) return null;
        try { return SearchConfigParser.Parse(File.ReadAllText(path), runFolder, path, Path.GetFileName(runFolder)); }
        catch (SearchConfigException) { return null; }
    }

    static Option<bool> VerboseOption() => new("--verbose") { Description = "After the search, print where the time went per trial (ask, materialize, evaluate, tell, journal) on stderr." };

    /// <summary>
    /// A run whose journal ends with its finish and that would stop again at once: the stored config (same
    /// experiment, same seed, so the same stop) or a budget of evaluations already spent. Replaying it only to
    /// stop again looked like a run in progress ("405/400 trials, replaying journal"), so it is reported instead.
    /// </summary>
    public static string? AlreadyComplete(RunState state, SearchConfig config, string folder, bool newConfig)
    {
        if (state.Finished is not { } finished) return null;
        long done = state.Trials.Count(t => t.Status != TrialStatus.Pending);
        bool budgetSpent = config.Budget.Evaluations is long budget && done >= budget;
        if (newConfig && !budgetSpent) return null;
        string why = string.Join("; ", finished.Reasons);
        string extend = config.Budget.Evaluations is long b
            ? $"budget.evaluations above {done} (now {b})"
            : "a larger budget";
        return $"The run is already complete ({done} trials; stopped by {why}); nothing to run.\n" +
               $"To search further, resume with a copy of its config.yml whose budget is larger: ./run.sh resume {folder} --config FILE with {extend}.";
    }

    static Option<DirectoryInfo?> ScratchOption() => new("--scratch")
    {
        Description = "Folder where command tasks write each candidate model for their command (needs room for one merged model per task); wins over the config's scratch:. Default: the config's scratch:, else the system temp folder.",
    };

    /// <summary>The run options; a <c>--scratch</c> folder that does not exist or cannot be written to is refused before anything starts.</summary>
    static SearchRunOptions Options(DirectoryInfo? scratch)
    {
        if (scratch is not null && WritableFolderCheck.Problem(scratch.FullName) is { } problem)
            throw new ArgumentException($"--scratch: {problem}");
        return new() { ScratchRoot = scratch?.FullName, Log = message => Console.Error.WriteLine("note: " + message) };
    }

    static int Execute(SearchRun run, bool verbose, SearchFarm? farm, CancellationToken ct)
    {
        var outcome = SearchProgressDisplay.Run(progress => run.Run(progress, ct), farm is null ? null : () => farm.Status().Describe());
        Console.WriteLine($"{(outcome.End == SearchEnd.Finished ? "Finished" : "Interrupted")}: {outcome.Completed} trials completed, {outcome.Failed} failed ({string.Join("; ", outcome.Reasons)}).");
        if (outcome.EveryTrialFailed)
        {
            var (reason, count) = outcome.MostCommonFailure!.Value;
            Console.Error.WriteLine($"error: every trial failed ({outcome.Failed}); the most common reason ({count} of them): {reason}");
            Console.Error.WriteLine($"Fix the cause and start a new run; the failed trials are in {Path.Combine(run.Folder, "trials.csv")}.");
            Console.WriteLine(run.Folder);
            return ExitCodes.Failure;
        }
        if (outcome.End == SearchEnd.Finished)
        {
            var report = EvoMerge.Search.Export.RunFinish.Write(run.AsFinished(), message => Console.Error.WriteLine("note: " + message));
            if (report is not null) Console.WriteLine(report);
        }
        if (verbose)
            foreach (var (phase, ms) in run.Timings.PerTrial())
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timing: {phase} {ms:F3} ms/trial"));
        if (outcome.End == SearchEnd.Interrupted)
            Console.WriteLine($"Continue with: ./run.sh resume {run.Folder}");
        Console.WriteLine(run.Folder);
        return outcome.End == SearchEnd.Finished ? ExitCodes.Success : ExitCodes.Interrupted;
    }

    public static string DefaultRunFolder(SearchConfig config) =>
        Path.Combine(config.Output ?? RepositoryPaths.Results(), $"{config.Name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
}
