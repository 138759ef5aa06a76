using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class CmaEsBoundsTests
{
    // The unconstrained optimum (3, 3, ...) lies outside the box, so the constrained one is the corner (1, 1, ...).
    static double ShiftedSphere(double[] x) => x.Sum(v => (v - 3) * (v - 3));

    [Theory]
    [InlineData(CmaCovarianceMode.Full)]
    [InlineData(CmaCovarianceMode.Separable)]
    public void Every_candidate_is_inside_the_box_and_the_optimum_on_the_bound_is_found(CmaCovarianceMode mode)
    {
        const int n = 6;
        var bounds = Bounds.Uniform(n, -1, 1);
        var es = new CmaEs(new CmaEsOptions { X0 = new double[n], Sigma0 = 0.5, Bounds = bounds, Mode = mode, Seed = 21 });
        double optimum = n * 4.0;
        CmaTestRuns.RunUntilStop(es, ShiftedSphere, maxGenerations: 3000,
            inspect: batch => Assert.All(batch, c => Assert.True(bounds.Contains(c.Genes), $"candidate {c.Id} left the box")));
        Assert.NotEmpty(es.Stop());
        Assert.InRange(es.Best!.Value.Value - optimum, 0, 1e-8);
        Assert.All(es.Best.Value.Genes, g => Assert.InRange(g, 1 - 1e-6, 1));
    }

    [Fact]
    public void A_start_outside_the_box_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CmaEs(new CmaEsOptions
        {
            X0 = [2.0, 0], Sigma0 = 0.5, Bounds = Bounds.Uniform(2, -1, 1),
        }));
        Assert.Contains("inside the bounds", e.Message);
    }
}
