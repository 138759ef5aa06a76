using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Optimizers.Tests.Niching;

public class GaussianNoiseTests
{
    [Fact]
    public void Draws_follow_the_standard_normal_distribution()
    {
        const int n = 400_000;
        var rng = new Rng(123);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = GaussianNoise.Next(rng);
        double mean = x.Average();
        double variance = x.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.006, 0.006);
        Assert.InRange(variance, 0.99, 1.01);

        // Kolmogorov–Smirnov distance to the normal CDF; the 1% critical value is 1.63 / sqrt(n).
        Array.Sort(x);
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double cdf = NormalCdf(x[i]);
            d = Math.Max(d, Math.Max(Math.Abs(cdf - (double)i / n), Math.Abs(cdf - (double)(i + 1) / n)));
        }
        Assert.True(d < 1.63 / Math.Sqrt(n), $"KS distance {d}");

        // The tail beyond the base layer (|x| > 3.654) comes from a separate branch: 2.58e-4 expected.
        int tail = x.Count(v => Math.Abs(v) > 3.6541528853610088);
        Assert.InRange(tail, 103 - 35, 103 + 35);
        Assert.Contains(x, v => v > 4);
    }

    [Fact]
    public void Add_scales_the_noise_and_is_reproducible()
    {
        var a = new double[1000];
        var b = new double[1000];
        GaussianNoise.Add(new Rng(5), a, 0.01);
        GaussianNoise.Add(new Rng(5), b, 0.01);
        Assert.Equal(a, b);
        Assert.InRange(Math.Sqrt(a.Select(v => v * v).Average()), 0.009, 0.011);
    }

    // Abramowitz–Stegun 7.1.26 erf, accurate to 1.5e-7: far below the KS tolerance.
    static double NormalCdf(double x)
    {
        double z = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.Exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
