using EvoMerge.Core.Randomness;

namespace EvoMerge.Core.Tests.Randomness;

public class RngTests
{
    static ulong[] Draw(Rng rng, int count) => Enumerable.Range(0, count).Select(_ => rng.NextUInt64()).ToArray();

    [Fact]
    public void Same_seed_gives_the_same_stream_and_another_seed_a_different_one()
    {
        Assert.Equal(Draw(new Rng(42), 100), Draw(new Rng(42), 100));
        Assert.NotEqual(Draw(new Rng(42), 100), Draw(new Rng(43), 100));
    }

    [Fact]
    public void Restored_state_continues_identically()
    {
        var original = new Rng(7);
        Draw(original, 37);
        original.NextGaussian();
        var copy = Rng.FromState(original.State);
        Assert.Equal(original.State, copy.State);
        Assert.Equal(Draw(original, 200), Draw(copy, 200));
        Assert.Equal(original.NextDouble(), copy.NextDouble());
        Assert.Equal(original.NextGaussian(), copy.NextGaussian());
        Assert.Equal(original.NextInt(1000), copy.NextInt(1000));
    }

    [Fact]
    public void All_zero_state_is_rejected() =>
        Assert.Throws<ArgumentException>(() => Rng.FromState(new RngState(0, 0, 0, 0)));

    [Fact]
    public void Fork_is_deterministic_and_differs_from_the_parent()
    {
        var a = new Rng(5);
        var b = new Rng(5);
        var forkA = a.Fork();
        var forkB = b.Fork();
        Assert.Equal(Draw(forkA, 20), Draw(forkB, 20));
        Assert.NotEqual(Draw(a, 20), Draw(forkA, 20));
    }

    [Fact]
    public void NextDouble_stays_in_the_half_open_unit_interval_and_in_given_ranges()
    {
        var rng = new Rng(3);
        for (int i = 0; i < 10_000; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0.0, 1.0);
            Assert.NotEqual(1.0, u);
            double x = rng.NextDouble(-2.0, 5.0);
            Assert.True(x >= -2.0 && x < 5.0);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    public void NextInt_covers_the_range_evenly(int exclusiveMax)
    {
        var rng = new Rng(11);
        const int perBucket = 20_000;
        var counts = new int[exclusiveMax];
        for (int i = 0; i < perBucket * exclusiveMax; i++) counts[rng.NextInt(exclusiveMax)]++;
        // Chi-square with k-1 degrees of freedom; the bound is far above the 99.99% quantile for k <= 10 (33.7).
        double chiSquare = counts.Sum(c => (c - perBucket) * (double)(c - perBucket) / perBucket);
        Assert.True(chiSquare < 40, $"chi-square {chiSquare} for counts {string.Join(",", counts)}");
    }

    [Fact]
    public void NextInt_rejects_non_positive_bounds()
    {
        var rng = new Rng(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(-3));
    }

    [Fact]
    public void NextInt_with_a_large_bound_is_not_biased_to_the_lower_half()
    {
        // 3·2^29 makes plain modulo of a 32-bit draw visibly biased; the 64-bit rejection sampler is not.
        var rng = new Rng(19);
        int bound = 3 << 29, n = 200_000, low = 0;
        for (int i = 0; i < n; i++) if (rng.NextInt(bound) < bound / 2) low++;
        // Binomial(n, 0.5): standard deviation ~224; allow 5 sigma.
        Assert.InRange(low, n / 2 - 1120, n / 2 + 1120);
    }

    [Fact]
    public void NextWeightedIndex_follows_the_weights()
    {
        var rng = new Rng(23);
        double[] weights = { 1, 0, 3, 6 };
        const int n = 100_000;
        var counts = new int[weights.Length];
        for (int i = 0; i < n; i++) counts[rng.NextWeightedIndex(weights)]++;
        Assert.Equal(0, counts[1]);
        for (int k = 0; k < weights.Length; k++)
        {
            double p = weights[k] / weights.Sum();
            double sigma = Math.Sqrt(n * p * (1 - p));
            Assert.InRange(counts[k], n * p - 5 * sigma - 1, n * p + 5 * sigma + 1);
        }
    }

    [Fact]
    public void NextWeightedIndex_is_uniform_when_all_weights_are_zero_and_rejects_bad_weights()
    {
        var rng = new Rng(29);
        var counts = new int[4];
        for (int i = 0; i < 40_000; i++) counts[rng.NextWeightedIndex(new double[4])]++;
        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
        Assert.Throws<ArgumentException>(() => rng.NextWeightedIndex(new[] { 1.0, -1.0 }));
        Assert.Throws<ArgumentException>(() => rng.NextWeightedIndex(new[] { 1.0, double.NaN }));
    }

    [Fact]
    public void NextGaussian_has_zero_mean_and_unit_variance()
    {
        var rng = new Rng(31);
        var xs = new double[200_000];
        rng.FillGaussian(xs);
        double mean = xs.Average();
        double variance = xs.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.015, 0.015);
        Assert.InRange(variance, 0.98, 1.02);
        Assert.All(xs, x => Assert.True(double.IsFinite(x)));
    }
}
