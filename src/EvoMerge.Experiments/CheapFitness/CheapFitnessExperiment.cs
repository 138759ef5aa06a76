using System.Diagnostics;
using EvoMerge.Experiments.DigitsDemo;
using TorchSharp;

namespace EvoMerge.Experiments.CheapFitness;

/// <summary>
/// `./run.sh experiment cheap-fitness`: on the digits demo (per-layer task-arithmetic weights of two
/// digit experts, CMA-ES), compares full evaluation with a uniform random subset per candidate, a
/// fixed stratified subset, racing and IRT-estimated fitness, over several seeds. Each seed makes its
/// own split and models (as the demo does), and every method runs the same CMA-ES seed. Reports
/// examples evaluated per run, the winner's test accuracy, and the estimators' errors on held-out
/// candidates (the full-evaluation run's trials).
/// </summary>
public static class CheapFitnessExperiment
{
    public static IReadOnlyList<CheapFitnessRow> Run(CheapFitnessOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        // Two small matmuls per evaluation: more threads than cores only contend.
        torch.set_num_threads(Math.Min(2, Environment.ProcessorCount));

        var all = DigitsFile.Load(options.DataPath);
        var runs = new List<MethodRun>();
        var errors = new List<EstimatorErrors>();
        for (int s = 0; s < options.Seeds; s++)
        {
            ulong seed = options.FirstSeed + (ulong)s;
            var clock = Stopwatch.StartNew();
            using var problem = new DigitsMergeProblem(all, seed, options);
            var (full, heldOut) = FullEvaluationMethod.Run(problem, seed, options);
            runs.Add(full);
            runs.Add(SubsetMethod.Run(problem, seed, options, fixedRows: false));
            runs.Add(SubsetMethod.Run(problem, seed, options, fixedRows: true));
            runs.Add(RacingMethod.Run(problem, seed, options));
            var (irt, estimator) = IrtMethod.Run(problem, seed, options);
            runs.Add(irt);
            var error = EstimatorErrors.Measure(estimator, heldOut, problem.Fitness.Labels, options.Examples, seed);
            errors.Add(error);
            foreach (var run in runs.Where(r => r.Seed == seed))
                log.WriteLine($"seed {seed} {run.Method,-14} examples {run.ExamplesEvaluated,8}  test accuracy {100 * run.TestAccuracy:F2}%  winner full fitness {100 * run.WinnerFullFitness:F2}%");
            log.WriteLine($"seed {seed} estimator MAE on {error.Candidates} held-out candidates: gp-IRT {100 * error.GpIrt:F2}, p-IRT {100 * error.PIrt:F2}, weighted anchors {100 * error.Weighted:F2}, random subset {100 * error.RandomSubset:F2}, fixed subset {100 * error.FixedSubset:F2} points ({problem.FitnessCount} fitness rows, {clock.Elapsed.TotalSeconds:F1} s)");
        }
        var rows = CheapFitnessTable.Summarize(runs, errors);
        CheapFitnessTable.Write(options.ResultsFolder, runs, errors, rows);
        return rows;
    }
}
