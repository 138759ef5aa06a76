using System.Runtime.InteropServices;
using EvoMerge.Merging.Methods.Sparsification;

namespace EvoMerge.Merging.Tests.Methods.Sparsification;

public class KeepDrawsTests
{
    static float[] Draw(int count, ulong seed, double density)
    {
        var flags = new float[count];
        KeepDraws.Fill(MemoryMarshal.AsBytes(flags.AsSpan()), seed, density);
        return flags;
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Keeps_with_probability_density(double density)
    {
        const int n = 1_000_001;   // odd: the last flag comes from a draw of its own
        var flags = Draw(n, 77, density);
        Assert.All(flags.Distinct(), f => Assert.True(f is 0 or 1));
        double sigma = Math.Sqrt(density * (1 - density) / n);
        Assert.InRange(flags.Average(f => (double)f), density - 5 * sigma, density + 5 * sigma);
    }

    [Fact]
    public void Density_one_keeps_everything_and_seeds_reproduce()
    {
        Assert.All(Draw(1001, 3, 1.0), f => Assert.Equal(1f, f));
        Assert.Equal(Draw(500, 3, 0.4), Draw(500, 3, 0.4));
        Assert.NotEqual(Draw(500, 3, 0.4), Draw(500, 4, 0.4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Draw(10, 1, 0));
    }
}
