using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Benchmarks;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Tests.Cma;

/// <summary>sep-CMA-ES against full CMA-ES where the two must agree: diagonal covariances, separable problems.</summary>
public sealed class SepCmaDifferentialTests
{
    [Fact]
    public void The_diagonal_model_updates_exactly_the_diagonal_of_the_full_model()
    {
        const int n = 7, count = 9;
        var rng = new Rng(17);
        var full = new CmaFullCovariance(n, eigenUpdateGap: 1000);
        var diagonal = new CmaDiagonalCovariance(n);
        var z = new double[count * n];
        var y = new double[count * n];
        var yFull = new double[count * n];
        var weights = new double[count];
        rng.FillGaussian(z);
        full.Transform(z, yFull, count);
        diagonal.Transform(z, y, count);
        Assert.Equal(y, yFull); // both start from C = I
        for (int step = 0; step < 5; step++)
        {
            for (int t = 0; t < count; t++) weights[t] = rng.NextDouble(-0.05, 0.1);
            full.Update(0.97, y, weights, count);
            diagonal.Update(0.97, y, weights, count);
            // C_ii depends only on the i-th coordinates of the steps, so the two must agree bit for bit.
            for (int i = 0; i < n; i++) Assert.Equal(diagonal.Variance(i), full.Variance(i));
            Assert.True(diagonal.DecomposeIfDue());
            rng.FillGaussian(z);
            diagonal.Transform(z, y, count);
        }
    }

    [Fact]
    public void On_the_separable_ellipsoid_both_learn_the_inverse_hessian_and_sep_is_faster()
    {
        const int n = 8;
        CmaEs Run(CmaCovarianceMode mode)
        {
            var es = new CmaEs(new CmaEsOptions
            {
                X0 = Enumerable.Repeat(0.5, n).ToArray(), Sigma0 = 0.5, Mode = mode, TargetValue = 1e-10, Seed = 41,
            });
            CmaTestRuns.RunUntilStop(es, x => TestFunctions.Ellipsoid(x));
            Assert.True(es.Best!.Value.Value <= 1e-10);
            return es;
        }
        var full = Run(CmaCovarianceMode.Full);
        var sep = Run(CmaCovarianceMode.Separable);
        Assert.True(sep.Evaluations < full.Evaluations, $"sep {sep.Evaluations} vs full {full.Evaluations}");
        for (int i = 0; i < n; i++)
        {
            // C should approach H^-1 = diag(1e-6^(i/(n-1))) up to scale: compare log10 ratios to coordinate 0.
            double expected = -6.0 * i / (n - 1);
            Assert.InRange(Math.Log10(full.Covariance.Variance(i) / full.Covariance.Variance(0)), expected - 0.6, expected + 0.6);
            Assert.InRange(Math.Log10(sep.Covariance.Variance(i) / sep.Covariance.Variance(0)), expected - 0.6, expected + 0.6);
            for (int j = 0; j < i; j++)
            {
                double correlation = full.Covariance.Entry(i, j) / Math.Sqrt(full.Covariance.Variance(i) * full.Covariance.Variance(j));
                Assert.InRange(Math.Abs(correlation), 0, 0.5); // the full model stays (nearly) diagonal too
            }
        }
    }
}
