using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Benchmarks;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class CmaEsConvergenceTests
{
    [Theory]
    [InlineData(CmaCovarianceMode.Full)]
    [InlineData(CmaCovarianceMode.Separable)]
    public void Reaches_1e_minus_8_on_the_10_dimensional_sphere(CmaCovarianceMode mode)
    {
        var es = new CmaEs(new CmaEsOptions
        {
            X0 = Enumerable.Repeat(0.5, 10).ToArray(), Sigma0 = 0.5, Mode = mode, TargetValue = 1e-8,
            MaxEvaluations = 3000, Seed = 3,
        });
        CmaTestRuns.RunUntilStop(es, x => TestFunctions.Sphere(x));
        Assert.Contains(StopReason.TargetReached, es.Stop());
        Assert.True(es.Best!.Value.Value <= 1e-8);
        Assert.InRange(es.Evaluations, 800, 2000); // pycma's median is 1260
    }

    [Fact]
    public void Learns_the_ellipsoid_and_solves_it_in_about_pycmas_budget()
    {
        var es = new CmaEs(new CmaEsOptions
        {
            X0 = Enumerable.Repeat(0.5, 10).ToArray(), Sigma0 = 0.5, Mode = CmaCovarianceMode.Full, TargetValue = 1e-8, Seed = 5,
        });
        CmaTestRuns.RunUntilStop(es, x => TestFunctions.Ellipsoid(x));
        Assert.Contains(StopReason.TargetReached, es.Stop());
        Assert.InRange(es.Evaluations, 2500, 5500); // pycma's median is 3950
        Assert.InRange(es.ConditionNumber, 1e4, 1e8); // the Hessian's condition is 1e6
    }
}
