using EvoMerge.Core.Pareto;

namespace EvoMerge.Core.Tests.Pareto;

public class DominanceTests
{
    [Theory]
    [InlineData(new[] { 1.0, 2.0 }, new[] { 2.0, 3.0 }, true)]
    [InlineData(new[] { 1.0, 3.0 }, new[] { 2.0, 3.0 }, true)]   // better in one, equal in the other
    [InlineData(new[] { 2.0, 3.0 }, new[] { 1.0, 2.0 }, false)]
    [InlineData(new[] { 1.0, 4.0 }, new[] { 2.0, 3.0 }, false)]  // trade-off
    [InlineData(new[] { 1.0, 2.0 }, new[] { 1.0, 2.0 }, false)]  // equal points
    [InlineData(new[] { double.NaN, 1.0 }, new[] { 2.0, 3.0 }, false)]
    public void Dominates_follows_minimization(double[] a, double[] b, bool expected) =>
        Assert.Equal(expected, Dominance.Dominates(a, b));

    [Fact]
    public void Different_lengths_are_rejected() =>
        Assert.Throws<ArgumentException>(() => Dominance.Dominates(new[] { 1.0 }, new[] { 1.0, 2.0 }));
}
