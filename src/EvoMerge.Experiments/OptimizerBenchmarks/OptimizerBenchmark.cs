using System.Diagnostics;
using System.Text;
using EvoMerge.Core.IO;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Benchmarks;

namespace EvoMerge.Experiments.OptimizerBenchmarks;

/// <summary>
/// The §4 reference experiment: every function x dimension x seed, x0 = 0.5 and sigma0 = 0.5
/// (Rosenbrock x0 = 0, sigma0 = 0.3), stopping at f &lt; 1e-8, plus ask/tell overhead rows on a
/// cheap function. The baselines (ga, nsga2, random) run the same settings up to their evaluation
/// cap; M2N2 only has overhead rows (<see cref="BenchmarkOptimizerFactory.RunsFunctions"/>).
/// cmaes and cmawm also run the binary and mixed-integer problems (<see cref="MixedIntegerFunctions"/>)
/// to the same target within one shared evaluation budget. Writes optimizers.csv atomically and returns medians beside pycma's numbers.
/// </summary>
public static class OptimizerBenchmark
{
    public const double Target = 1e-8;

    public static OptimizerBenchmarkSummary Run(OptimizerBenchmarkOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        var o = options.Resolved();
        var rows = new List<OptimizerBenchmarkRow>();
        foreach (var optimizer in o.Optimizers)
        {
            if (!BenchmarkOptimizerFactory.RunsFunctions(optimizer))
                log.WriteLine($"{optimizer}: no function rows (it needs per-example scores, which these functions do not have); overhead rows only");
            long cap = BenchmarkOptimizerFactory.IsBaseline(optimizer) ? o.BaselineMaxEvaluations : o.MaxEvaluationsPerRun;
            foreach (var function in BenchmarkOptimizerFactory.RunsFunctions(optimizer) ? o.Functions : [])
                foreach (var dimension in o.Dimensions)
                    foreach (var seed in o.Seeds)
                    {
                        var row = RunReference(optimizer, function, dimension, seed, cap);
                        rows.Add(row);
                        log.WriteLine($"{optimizer} {function} n={dimension} seed={seed}: {row.Evaluations} evaluations, best {row.Best:G3}{(row.Reached == true ? "" : " (target missed)")}");
                    }
            foreach (var function in BenchmarkOptimizerFactory.RunsMixedFunctions(optimizer) ? o.MixedFunctions : [])
                foreach (var dimension in o.MixedDimensions)
                    foreach (var seed in o.Seeds)
                    {
                        var row = RunMixed(optimizer, function, dimension, seed, o.MixedMaxEvaluations);
                        rows.Add(row);
                        log.WriteLine($"{optimizer} {function} n={dimension} seed={seed}: {row.Evaluations} evaluations, best {row.Best:G3}{(row.Reached == true ? "" : " (optimum missed)")}");
                    }
            foreach (var dimension in o.OverheadDimensions)
            {
                var row = MeasureOverhead(optimizer, dimension, o.Quick);
                rows.Add(row);
                log.WriteLine($"{optimizer} overhead n={dimension}: {row.MsPerGeneration:F3} ms per generation");
            }
        }
        WriteCsv(o.OutputPath, rows);
        var summary = OptimizerBenchmarkSummary.From(rows);
        log.Write(summary.ToString());
        return summary;
    }

    static OptimizerBenchmarkRow RunReference(string optimizer, string function, int n, ulong seed, long maxEvaluations)
    {
        bool rosenbrock = function == "rosenbrock";
        var f = TestFunctions.ByName(function);
        var x0 = Enumerable.Repeat(rosenbrock ? 0.0 : 0.5, n).ToArray();
        var opt = BenchmarkOptimizerFactory.Create(optimizer, x0, rosenbrock ? 0.3 : 0.5, seed, Target, maxEvaluations);
        return RunToTarget(opt, optimizer, function, n, seed, genes => f(genes));
    }

    /// <summary>A binary or mixed-integer problem: cmaes has its discrete genes rounded, cmawm asks allowed values.</summary>
    static OptimizerBenchmarkRow RunMixed(string optimizer, string function, int n, ulong seed, long maxEvaluations)
    {
        var problem = MixedIntegerFunctions.Create(function, n);
        var opt = BenchmarkOptimizerFactory.CreateMixed(optimizer, problem, seed, Target, maxEvaluations);
        return RunToTarget(opt, optimizer, function, n, seed, problem.Evaluate);
    }

    static OptimizerBenchmarkRow RunToTarget(IAskTellOptimizer opt, string optimizer, string function, int n, ulong seed, Func<double[], double> f)
    {
        long evaluations = 0, generations = 0;
        double best = double.PositiveInfinity;
        var clock = Stopwatch.StartNew();
        while (opt.Stop().Count == 0)
        {
            var batch = opt.Ask();
            var outcomes = new TrialOutcome[batch.Count];
            for (int k = 0; k < batch.Count; k++)
            {
                double value = f(batch[k].Genes);
                best = Math.Min(best, value);
                outcomes[k] = TrialOutcome.Success(batch[k].Id, [value]);
            }
            opt.Tell(outcomes);
            evaluations += batch.Count;
            generations++;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        return new OptimizerBenchmarkRow(optimizer, function, n, seed, evaluations, best, best < Target,
            seconds, generations == 0 ? 0 : seconds * 1000 / generations);
    }

    /// <summary>Mean time of Ask plus Tell per generation on the sphere, over enough generations to amortize the eigendecompositions.</summary>
    static OptimizerBenchmarkRow MeasureOverhead(string optimizer, int n, bool quick)
    {
        // 1000 generations hold about five eigendecompositions even at n = 1000 (one per ~190 generations).
        int generations = quick ? 100 : 1000;
        var opt = BenchmarkOptimizerFactory.CreateForOverhead(optimizer, n);
        int objectives = BenchmarkOptimizerFactory.OverheadObjectives(optimizer), examples = BenchmarkOptimizerFactory.OverheadExamples(optimizer);
        var scores = new Rng(2);
        var askTell = new Stopwatch();
        var total = Stopwatch.StartNew();
        for (int g = 0; g < generations; g++)
        {
            askTell.Start();
            var batch = opt.Ask();
            askTell.Stop();
            var outcomes = new TrialOutcome[batch.Count];
            for (int k = 0; k < batch.Count; k++)
                outcomes[k] = OverheadOutcome(batch[k], objectives, examples, scores);
            askTell.Start();
            opt.Tell(outcomes);
            askTell.Stop();
        }
        return new OptimizerBenchmarkRow(optimizer, "overhead", n, 1, null, null, null,
            total.Elapsed.TotalSeconds, askTell.Elapsed.TotalMilliseconds / generations);
    }

    /// <summary>
    /// The sphere value, plus what the optimizer was built for: a second objective (the sphere around 1)
    /// for a multi-objective one, random 0/1 per-example scores for one that needs them (only the
    /// engine's cost is measured here, not its search).
    /// </summary>
    static TrialOutcome OverheadOutcome(Candidate candidate, int objectives, int examples, Rng scores)
    {
        double sphere = TestFunctions.Sphere(candidate.Genes);
        double[] values = objectives == 2 ? [sphere, TestFunctions.Sphere(candidate.Genes.Select(v => v - 1).ToArray())] : [sphere];
        return examples == 0
            ? TrialOutcome.Success(candidate.Id, values)
            : TrialOutcome.Success(candidate.Id, values, Enumerable.Range(0, examples).Select(_ => scores.NextDouble() < 0.5 ? 0.0 : 1.0).ToArray());
    }

    /// <summary>Written atomically, so readers never see a half-written CSV; creates the folder if needed.</summary>
    static void WriteCsv(string path, IReadOnlyList<OptimizerBenchmarkRow> rows)
    {
        var text = new StringBuilder(OptimizerBenchmarkRow.Header).Append('\n');
        foreach (var row in rows) text.Append(row.ToCsv()).Append('\n');
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllText(path, text.ToString(), fsync: false);
    }
}
