using System.Diagnostics;
using EvoMerge.Experiments.DigitsDemo;
using EvoMerge.Experiments.EvoLlmToy;
using TorchSharp;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// `./run.sh experiment cheap-fitness`: compares full evaluation with a uniform random subset per
/// candidate, a fixed stratified subset, racing and IRT-estimated fitness, over several seeds, on two
/// merge problems: the digits demo (per-layer task-arithmetic weights of two digit experts; each seed
/// makes its own split and models, as the demo does) and the evollm-toy target task (the PS search's
/// per-layer DARE-TIES genome over the toy Llama experts). Every method of a seed runs the same
/// CMA-ES seed. Reports examples evaluated per run, the winner's test accuracy, and the estimators'
/// errors on held-out candidates (the full-evaluation run's trials).
/// </summary>
public static class CheapFitnessExperiment
{
    public static IReadOnlyList<CheapFitnessRow> Run(CheapFitnessOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        // Small matmuls per evaluation: more threads than cores only contend.
        torch.set_num_threads(Math.Min(2, Environment.ProcessorCount));

        var runs = new List<MethodRun>();
        var errors = new List<EstimatorErrors>();
        foreach (var task in options.Tasks)
        {
            var clock = Stopwatch.StartNew();
            Func<ulong, IFitnessProblem> make = task == CheapFitnessOptions.EvoLlmToyTask ? ToyProblems(options, log) : DigitsProblems(options);
            for (int s = 0; s < options.Seeds; s++)
            {
                ulong seed = options.FirstSeed + (ulong)s;
                using var problem = make(seed);
                if (options.DumpFolder is { } dump)
                {
                    ResponseDump.Write(problem, seed, options.BudgetOf(task), options.DumpRandomCandidates, dump, log);
                    continue;
                }
                RunSeed(problem, seed, options.BudgetOf(task), runs, errors, log, clock);
            }
            log.WriteLine($"{task}: {options.Seeds} seeds in {clock.Elapsed.TotalMinutes:F1} min");
        }
        if (options.DumpFolder is not null) return [];
        var rows = CheapFitnessTable.Summarize(runs, errors);
        CheapFitnessTable.Write(options.ResultsFolder, runs, errors, rows);
        return rows;
    }

    static Func<ulong, IFitnessProblem> DigitsProblems(CheapFitnessOptions options)
    {
        var all = DigitsFile.Load(options.DataPath);
        return seed => new DigitsMergeProblem(all, seed, options.ValidationFraction, options.TestFraction);
    }

    static Func<ulong, IFitnessProblem> ToyProblems(CheapFitnessOptions options, TextWriter log)
    {
        var assets = EvoLlmToyAssets.Prepare(options.ToyAssetsFolder!, options.ToyAssets, new LogProgress(log));
        // A race scores each candidate of a generation slice by slice: keep the whole generation's models.
        return seed => new EvoLlmToyMergeProblem(assets, seed, options.ToyMaxNewTokens, cachedModels: options.EvoLlmToy.Population);
    }

    static void RunSeed(IFitnessProblem problem, ulong seed, CheapFitnessBudget budget, List<MethodRun> runs, List<EstimatorErrors> errors, TextWriter log, Stopwatch clock)
    {
        var mine = new List<MethodRun>();
        MethodRun Logged(MethodRun run)
        {
            log.WriteLine($"{problem.Task} seed {seed} {run.Method,-14} examples {run.ExamplesEvaluated,8}  test accuracy {100 * run.TestAccuracy:F2}%  winner full fitness {100 * run.WinnerFullFitness:F2}%  ({clock.Elapsed.TotalSeconds:F0} s)");
            mine.Add(run);
            return run;
        }
        var (full, heldOut) = FullEvaluationMethod.Run(problem, seed, budget);
        Logged(full);
        Logged(SubsetMethod.Run(problem, seed, budget, fixedRows: false));
        Logged(SubsetMethod.Run(problem, seed, budget, fixedRows: true));
        Logged(RacingMethod.Run(problem, seed, budget));
        var (irt, estimator) = IrtMethod.Run(problem, seed, budget);
        Logged(irt);
        runs.AddRange(mine);
        var error = EstimatorErrors.Measure(problem.Task, estimator, heldOut, problem.Strata, budget, problem.Bounds, seed);
        errors.Add(error);
        log.WriteLine($"{problem.Task} seed {seed} estimator MAE on {error.Candidates} held-out candidates: irt {100 * error.Irt:F2}, gp-IRT {100 * error.GpIrt:F2}, p-IRT {100 * error.PIrt:F2}, weighted anchors {100 * error.Weighted:F2}, difference {100 * error.Difference:F2}, completion {100 * error.Completion:F2}, random subset {100 * error.RandomSubset:F2} (of {error.AmortizedExamples}: {100 * error.RandomSubsetAmortized:F2}), fixed subset {100 * error.FixedSubset:F2} points ({problem.FitnessCount} fitness rows, {clock.Elapsed.TotalSeconds:F0} s so far)");
    }

    sealed class LogProgress(TextWriter log) : IProgress<string>
    {
        public void Report(string value) => log.WriteLine("  " + value);
    }
}
