using EvoMerge.Experiments.OptimizerBenchmarks;
using EvoMerge.Optimizers.Benchmarks;

namespace EvoMerge.Experiments.Tests.OptimizerBenchmarks;

public sealed class OptimizerBenchmarkTests
{
    [Fact]
    public void Writes_reference_and_overhead_rows_and_summarizes_against_pycma()
    {
        var folder = Directory.CreateTempSubdirectory("cmabench");
        try
        {
            var path = Path.Combine(folder.FullName, "optimizers.csv");
            var log = new StringWriter();
            var summary = OptimizerBenchmark.Run(new OptimizerBenchmarkOptions
            {
                OutputPath = path,
                Optimizers = ["cmaes", "sep-cmaes"],
                Functions = ["sphere"],
                MixedFunctions = [],
                Quick = true,
                OverheadDimensions = [20],
            }, log);
            var lines = File.ReadAllLines(path);
            Assert.Equal("optimizer,function,dim,seed,evaluations,best,reached,seconds,ms_per_generation", lines[0]);
            Assert.Equal(1 + 2 * (3 + 1), lines.Length);
            Assert.StartsWith("cmaes,sphere,10,1,", lines[1]);
            Assert.Contains(",true,", lines[1]);
            Assert.Matches(@"^sep-cmaes,overhead,20,1,,,,[0-9.E-]+,[0-9.E-]+$", lines[^1]);
            Assert.Single(Directory.GetFiles(folder.FullName)); // no temporary file left behind
            var line = Assert.Single(summary.Lines, l => l.Optimizer == "cmaes");
            Assert.Equal(1260, line.PycmaMedianEvaluations);
            Assert.InRange(line.Ratio!.Value, 0.5, 1.5);
            Assert.Equal(3, line.Reached);
            Assert.Contains("ratio", log.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Mixed_integer_rows_compare_cmawm_with_rounding_cmaes_and_other_optimizers_skip_them()
    {
        var folder = Directory.CreateTempSubdirectory("cmabench");
        try
        {
            var path = Path.Combine(folder.FullName, "optimizers.csv");
            OptimizerBenchmark.Run(new OptimizerBenchmarkOptions
            {
                OutputPath = path,
                Optimizers = ["cmawm", "cmaes", "sep-cmaes"],
                Functions = [],
                MixedFunctions = ["onemax"],
                Seeds = [1, 2],
                Quick = true,
                OverheadDimensions = [],
            }, TextWriter.Null);
            var rows = File.ReadAllLines(path).Skip(1).ToList();
            Assert.Equal(4, rows.Count);
            Assert.All(rows, r => Assert.Matches(@"^(cmawm|cmaes),onemax,10,[12],\d+,0,true,", r));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Mixed_integer_functions_match_their_definitions()
    {
        Assert.Equal(1, MixedIntegerFunctions.OneMax([1.0, 0, 1]));
        Assert.Equal(2, MixedIntegerFunctions.LeadingOnes([1.0, 0, 1]));
        Assert.Equal(0, MixedIntegerFunctions.LeadingOnes([1.0, 1, 1]));
        var sphere = MixedIntegerFunctions.Create("mixed-sphere", 4);
        Assert.Equal([null, null], sphere.Discrete.Take(2));
        // Integer genes are rounded before the sphere sees them; continuous ones are not.
        Assert.Equal(0.25 + 0 + 1 + 4, sphere.Evaluate([0.5, 0, 0.6, -2.4]), 12);
        Assert.Throws<ArgumentException>(() => MixedIntegerFunctions.Create("trap", 4));
    }

    [Fact]
    public void Unknown_names_are_rejected_with_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerBenchmark.Run(
            new OptimizerBenchmarkOptions { OutputPath = "x.csv", Optimizers = ["nelder-mead"] }, TextWriter.Null));
        Assert.Contains("bipop-cmaes", e.Message);
    }

    [Fact]
    public void Test_functions_match_their_definitions()
    {
        Assert.Equal(0, TestFunctions.Rosenbrock([1.0, 1, 1]));
        Assert.Equal(101, TestFunctions.Rosenbrock([0.0, 1]));
        Assert.Equal(1 + 1e6, TestFunctions.Cigar([1.0, 1]));
        Assert.Equal(1 + 1e3 + 1e6, TestFunctions.Ellipsoid([1.0, 1, 1]), 6);
        Assert.Equal(14, TestFunctions.Sphere([1.0, 2, 3]));
    }
}
