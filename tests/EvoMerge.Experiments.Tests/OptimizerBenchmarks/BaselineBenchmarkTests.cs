using EvoMerge.Experiments.OptimizerBenchmarks;
using EvoMerge.Search.Optimizers;

namespace EvoMerge.Experiments.Tests.OptimizerBenchmarks;

public sealed class BaselineBenchmarkTests
{
    [Fact]
    public void Baselines_run_to_their_cap_and_m2n2_gets_overhead_rows_only()
    {
        var folder = Directory.CreateTempSubdirectory("baselinebench");
        try
        {
            var path = Path.Combine(folder.FullName, "optimizers.csv");
            var log = new StringWriter();
            var summary = OptimizerBenchmark.Run(new OptimizerBenchmarkOptions
            {
                OutputPath = path,
                Optimizers = ["ga", "nsga2", "random", "m2n2"],
                Functions = ["sphere"],
                Seeds = [1, 2],
                Dimensions = [10],
                OverheadDimensions = [20],
                BaselineMaxEvaluations = 2_000,
                Quick = true,
            }, log);
            var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();

            foreach (var name in new[] { "ga", "nsga2", "random" })
            {
                var runs = rows.Where(r => r[0] == name && r[1] == "sphere").ToList();
                Assert.Equal(2, runs.Count);
                // Each stops at the first generation that reaches the cap (a generation may overshoot it).
                Assert.All(runs, r => Assert.InRange(long.Parse(r[4]), 2_000, 2_100));
                Assert.All(runs, r => Assert.Equal("false", r[6]));
                Assert.Single(rows, r => r[0] == name && r[1] == "overhead" && r[2] == "20");
            }
            // The evolutionary baselines improve on random search from the same box (sphere starts near 25 per gene).
            double Best(string name) => rows.Where(r => r[0] == name && r[1] == "sphere").Min(r => double.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(Best("ga") < Best("random"), $"ga {Best("ga")} vs random {Best("random")}");
            Assert.True(Best("nsga2") < Best("random"), $"nsga2 {Best("nsga2")} vs random {Best("random")}");

            var m2n2 = Assert.Single(rows, r => r[0] == "m2n2");
            Assert.Equal("overhead", m2n2[1]);
            Assert.True(double.Parse(m2n2[8], System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Contains("m2n2: no function rows", log.ToString());
            Assert.DoesNotContain(summary.Lines, l => l.Optimizer == "m2n2");
            Assert.Equal(3, summary.Lines.Count);
            // A median of capped runs is not compared with pycma's.
            Assert.All(summary.Lines, l => Assert.Null(l.Ratio));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void M2N2_cannot_be_built_for_a_function_run()
    {
        var e = Assert.Throws<ArgumentException>(() => BenchmarkOptimizerFactory.Create("m2n2", [0.5, 0.5], 0.5, 1, 1e-8, 100));
        Assert.Contains("per-example scores", e.Message);
        Assert.False(BenchmarkOptimizerFactory.RunsFunctions("m2n2"));
        Assert.True(BenchmarkOptimizerFactory.RunsFunctions("ga"));
    }

    [Fact]
    public void Every_convention_name_is_known_and_baselines_search_a_box_holding_the_optimum()
    {
        // One factory: the benchmark builds every optimizer the search's registry holds, through its descriptor.
        Assert.Equal(OptimizerRegistry.Names, BenchmarkOptimizerFactory.Names);
        Assert.Equal(["bipop-cmaes", "cmaes", "ga", "ipop-cmaes", "nsga2", "random", "sep-cmaes"], BenchmarkOptimizerFactory.Names.Where(BenchmarkOptimizerFactory.RunsFunctions).Order(StringComparer.Ordinal));
        Assert.Equal(["ga", "nsga2", "random"], BenchmarkOptimizerFactory.Names.Where(BenchmarkOptimizerFactory.IsBaseline).Order(StringComparer.Ordinal));
        Assert.Equal(["cmaes", "cmawm"], BenchmarkOptimizerFactory.Names.Where(BenchmarkOptimizerFactory.RunsMixedFunctions).Order(StringComparer.Ordinal));
        // Rosenbrock's optimum (1, ..., 1) lies inside x0 = 0 +- 10 x 0.3, the sphere's 0 inside 0.5 +- 10 x 0.5.
        var ga = BenchmarkOptimizerFactory.Create("ga", [0.0, 0.0], 0.3, 1, null, null);
        Assert.All(ga.Ask(), c => Assert.All(c.Genes, g => Assert.InRange(g, -3, 3)));
        var random = BenchmarkOptimizerFactory.Create("random", [0.5, 0.5], 0.5, 1, null, null);
        Assert.All(random.Ask(), c => Assert.All(c.Genes, g => Assert.InRange(g, -4.5, 5.5)));
        Assert.Throws<ArgumentException>(() => new OptimizerBenchmarkOptions { OutputPath = "x.csv", BaselineMaxEvaluations = 0 }.Validate());
    }

    [Fact]
    public void The_benchmarks_cma_es_samples_freely_as_pycma_does_while_a_search_keeps_to_its_box()
    {
        double[] x0 = [0.5, 0.5, 0.5];
        var benchmark = BenchmarkOptimizerFactory.Create("cmaes", x0, 0.5, 7, 1e-8, 1000);
        var direct = new EvoMerge.Optimizers.Cma.CmaEs(new EvoMerge.Optimizers.Cma.CmaEsOptions { X0 = x0, Sigma0 = 0.5, Seed = 7, TargetValue = 1e-8, MaxEvaluations = 1000 });
        var search = OptimizerRegistry.Get("cmaes").Create(new OptimizerSpec("cmaes", null, 0.5, null, null),
            new OptimizerContext(EvoMerge.Core.Optimization.Bounds.Uniform(3, 0.4, 0.6), x0, 1, 0, 7, null));

        Assert.Equal(direct.Ask().Select(c => c.Genes), benchmark.Ask().Select(c => c.Genes));
        Assert.All(search.Ask(), c => Assert.All(c.Genes, g => Assert.InRange(g, 0.4, 0.6)));
    }

    [Fact]
    public void The_benchmarks_baselines_start_uniformly_while_a_search_starts_from_its_starting_point()
    {
        double[] x0 = [0.5, 0.5];
        var benchmark = BenchmarkOptimizerFactory.Create("ga", x0, 0.5, 3, null, 100);
        var search = OptimizerRegistry.Get("ga").Create(new OptimizerSpec("ga", null, null, null, null),
            new OptimizerContext(EvoMerge.Core.Optimization.Bounds.Uniform(2, -4.5, 5.5), x0, 1, 0, 3, null));

        Assert.Contains(search.Ask(), c => c.Genes.SequenceEqual(x0));
        Assert.DoesNotContain(benchmark.Ask(), c => c.Genes.SequenceEqual(x0));
    }
}
