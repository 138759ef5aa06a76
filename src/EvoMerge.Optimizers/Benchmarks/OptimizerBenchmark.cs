using System.Diagnostics;
using System.Text;
using EvoMerge.Core.IO;
using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Benchmarks;

/// <summary>
/// The §4 reference experiment: every function x dimension x seed, x0 = 0.5 and sigma0 = 0.5
/// (Rosenbrock x0 = 0, sigma0 = 0.3), stopping at f &lt; 1e-8, plus ask/tell overhead rows on a
/// cheap function. Writes optimizers.csv atomically and returns medians beside pycma's numbers.
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
            foreach (var function in o.Functions)
                foreach (var dimension in o.Dimensions)
                    foreach (var seed in o.Seeds)
                    {
                        var row = RunReference(optimizer, function, dimension, seed, o.MaxEvaluationsPerRun);
                        rows.Add(row);
                        log.WriteLine($"{optimizer} {function} n={dimension} seed={seed}: {row.Evaluations} evaluations, best {row.Best:G3}{(row.Reached == true ? "" : " (target missed)")}");
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
        var opt = BenchmarkOptimizerFactory.Create(optimizer, Enumerable.Repeat(0.5, n).ToArray(), 0.5, 1, null, null);
        var askTell = new Stopwatch();
        var total = Stopwatch.StartNew();
        for (int g = 0; g < generations; g++)
        {
            askTell.Start();
            var batch = opt.Ask();
            askTell.Stop();
            var outcomes = new TrialOutcome[batch.Count];
            for (int k = 0; k < batch.Count; k++)
                outcomes[k] = TrialOutcome.Success(batch[k].Id, [TestFunctions.Sphere(batch[k].Genes)]);
            askTell.Start();
            opt.Tell(outcomes);
            askTell.Stop();
        }
        return new OptimizerBenchmarkRow(optimizer, "overhead", n, 1, null, null, null,
            total.Elapsed.TotalSeconds, askTell.Elapsed.TotalMilliseconds / generations);
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
