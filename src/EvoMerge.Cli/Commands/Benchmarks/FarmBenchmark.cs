using System.Diagnostics;
using System.Globalization;
using EvoMerge.Experiments.DigitsDemo;
using EvoMerge.Farm;
using EvoMerge.Farm.Coordination;
using EvoMerge.Farm.Local;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Running;

namespace EvoMerge.Cli.Commands.Benchmarks;

/// <summary>
/// Throughput of the evaluation farm on the digits demo search: with a <c>command</c> evaluator of fixed
/// cost (it sleeps 250 ms, as a GPU evaluation waits) on 1, 2 and 4 local workers, and with the in-process
/// classifier on 1 and 2. Each row is a fresh farm. Once every worker has joined, the search runs untimed in a
/// throwaway run folder for at least <see cref="WarmUpGenerations"/> generations and <see cref="WarmUpTime"/>
/// (the JIT compiles the coordinator's and each slot's code, first at a quick tier and then again, optimized, in
/// the background; libtorch starts its threads: a one-off few seconds that an overnight run never notices but
/// that would dominate these short runs, and more so with more processes sharing the cores); then the whole
/// search is timed from the start (ask, dispatch, evaluate, journal, tell), the same trials as without the
/// warm-up. Writes farm.csv, or
/// farm-no-pipeline.csv with slots that build a candidate only after scoring the previous one (the idle share
/// shows what pipelining saves). cpu_cores is the processor time the coordinator and
/// its workers (with their command evaluators) used over the row's seconds, cpu_ms_per_trial the same per trial:
/// on a machine of few cores they show when a row is bound by the cores rather than by the farm.
/// </summary>
public static class FarmBenchmark
{
    const int Population = 16;

    /// <summary>Enough generations for every slot to run its trial code a few times (each takes at least one job per generation).</summary>
    const int WarmUpGenerations = 2;

    /// <summary>
    /// Long enough for the background JIT to finish the hot code of every process: per 2,000 trials of a classifier
    /// search on 2 workers, the rate climbed for the first 10-15 s (about 7,000 trials) before it settled.
    /// </summary>
    static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(20);

    public static void Run(string benchmarksFolder, bool pipeline, TextWriter output)
    {
        Directory.CreateDirectory(benchmarksFolder);
        string work = Path.Combine(benchmarksFolder, ".farm-work");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        Directory.CreateDirectory(work);
        var assets = DigitsDemoAssets.Prepare(Path.Combine(work, "assets"), new DigitsDemoOptions());
        var rows = new List<string> { "workers,slots,evaluator,trials,seconds,trials_per_s,speedup,efficiency,dispatch_ms,idle_share,cpu_cores,cpu_ms_per_trial" };
        foreach (var (evaluator, trials, workerCounts) in new[] { ("command", 64, new[] { 1, 2, 4 }), ("classifier", 8000, new[] { 1, 2 }) })
        {
            double? baseline = null;
            foreach (int workers in workerCounts)
            {
                var config = Config(assets, evaluator, trials, workers);
                config = config with { Execution = config.Execution with { Pipeline = pipeline } };
                var (seconds, done, status, cpu) = Measure(config, Path.Combine(work, $"{evaluator}-{workers}"), output);
                double rate = done / seconds;
                baseline ??= rate;
                double speedup = rate / baseline.Value;
                rows.Add(string.Join(',', workers, 1, evaluator, done, F(seconds), F(rate), F(speedup), F(speedup / workers),
                    F(status.DispatchMilliseconds), F(status.IdleShare), F(cpu.TotalSeconds / seconds), F(cpu.TotalMilliseconds / done)));
                output.WriteLine(rows[^1]);
            }
        }
        string csv = Path.Combine(benchmarksFolder, pipeline ? "farm.csv" : "farm-no-pipeline.csv");
        Core.IO.AtomicFile.WriteAllText(csv, string.Join('\n', rows) + "\n", fsync: true);
        Directory.Delete(work, recursive: true);
        output.WriteLine(csv);
    }

    static (double Seconds, long Trials, FarmStatus Status, TimeSpan Cpu) Measure(SearchConfig config, string folder, TextWriter output)
    {
        var notes = new List<string>();
        Action<string> note = m => { lock (notes) notes.Add(m); };
        using var farm = SearchFarm.Start(config, config.Execution, WorkerLauncher.Self(), Path.GetTempPath(), note);
        // Workers load torch and the models first: minutes on a busy machine.
        if (!farm.WaitForLocalWorkers(TimeSpan.FromMinutes(10), note))
            throw new InvalidOperationException($"only {farm.Status().Workers} of {config.Execution.Workers} workers joined:\n" + string.Join("\n", notes));
        WarmUp(config, farm, folder + "-warm-up");
        var before = farm.Status();
        // The coordinator is this process; a worker restarted during the row drops out of the sum (a crash fails the row anyway).
        int[] processes = [Environment.ProcessId, .. farm.Local!.ProcessIds];
        var cpuBefore = ProcessCpu.Read(processes);
        var clock = Stopwatch.StartNew();
        SearchOutcome outcome;
        using (var run = SearchRun.Start(config, folder, new SearchRunOptions { Dispatcher = farm.Dispatcher, SlotGauge = farm, Log = output.WriteLine }))
            outcome = run.Run();
        double seconds = clock.Elapsed.TotalSeconds;
        var cpu = ProcessCpu.Between(cpuBefore, ProcessCpu.Read(processes));
        if (outcome.Failed > 0) throw new InvalidOperationException($"{outcome.Failed} trials failed in the farm benchmark ({outcome.MostCommonFailure}).");
        return (seconds, outcome.Completed, farm.Status().Since(before), cpu);
    }

    /// <summary>Runs the search on the farm for the warm-up and stops it at a generation's end, so no job is left out.</summary>
    static void WarmUp(SearchConfig config, SearchFarm farm, string folder)
    {
        using var stop = new CancellationTokenSource();
        var progress = new StopAfter(WarmUpGenerations * Population, Stopwatch.StartNew(), stop);
        // A budget the clock, not the count, ends.
        config = config with { Budget = config.Budget with { Evaluations = 1_000_000 } };
        using var run = SearchRun.Start(config, folder, new SearchRunOptions { Dispatcher = farm.Dispatcher, SlotGauge = farm });
        var outcome = run.Run(progress, stop.Token);
        if (outcome.Failed > 0) throw new InvalidOperationException($"{outcome.Failed} trials failed in the farm benchmark's warm-up ({outcome.MostCommonFailure}).");
    }

    static SearchConfig Config(DigitsDemoAssetPaths assets, string evaluator, int trials, int workers)
    {
        // Random search spends exactly its budget (a fixed-cost evaluator scores every candidate the same, which
        // would stop CMA-ES after one generation), in batches that 1, 2 and 4 workers divide evenly.
        string tasks = evaluator == "command"
            ? "tasks:\n  - name: fixed\n    evaluator: command\n    command: [sh, -c, 'sleep 0.25; echo \"{\\\"score\\\": 1}\"', sh, \"{model}\"]\n    data: " + Q(Path.Combine(assets.Folder, "data", "validation_0_4.csv")) + "\n    metrics: [score]\n    metric: score\n    objective: weighted\n"
            : "tasks:\n  - {name: digits_0_4, evaluator: classifier, data: " + Q(Path.Combine(assets.Folder, "data", "validation_0_4.csv")) + ", metric: accuracy, objective: weighted}\n"
              + "  - {name: digits_5_9, evaluator: classifier, data: " + Q(Path.Combine(assets.Folder, "data", "validation_5_9.csv")) + ", metric: accuracy, objective: weighted}\n";
        string yaml = $"name: farm-{evaluator}\nseed: 7\nmodels:\n  base: {Q(Path.Combine(assets.Folder, "models", "base"))}\n"
            + $"  experts: [{Q(Path.Combine(assets.Folder, "models", "expert_0_4"))}, {Q(Path.Combine(assets.Folder, "models", "expert_5_9"))}]\n"
            + "merge: {method: task_arithmetic, dtype: float32}\ngenome: {layer_granularity: 1, search: [weight], bounds: {weight: [0, 2]}}\n"
            + $"optimizer: {{name: random, population: {Population}}}\nbudget: {{evaluations: {trials}}}\n"
            + $"execution: {{workers: {workers}, slots: 1}}\n" + tasks;
        return SearchConfigParser.Parse(yaml, Environment.CurrentDirectory, "the farm benchmark's config", "farm");
    }

    static string Q(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// Cancels the run at the end of a generation once it has finished at least <paramref name="trials"/> trials and
    /// <see cref="WarmUpTime"/> has passed (reported on the run's own thread).
    /// </summary>
    sealed class StopAfter(long trials, Stopwatch clock, CancellationTokenSource stop) : IProgress<SearchProgress>
    {
        public void Report(SearchProgress value)
        {
            if (value.TrialsDone >= trials && value.TrialsDone % Population == 0 && clock.Elapsed >= WarmUpTime) stop.Cancel();
        }
    }

    static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
