using EvoMerge.Core.Pareto;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Core.Tests.Pareto;

public class ParetoFrontTests
{
    [Fact]
    public void Keeps_every_copy_of_a_non_dominated_point()
    {
        var points = new[] { new[] { 1.0, 2.0 }, new[] { 2.0, 1.0 }, new[] { 1.0, 2.0 }, new[] { 2.0, 2.0 } };
        Assert.Equal(new[] { 0, 1, 2 }, ParetoFront.Of(points));
    }

    [Theory]
    [InlineData(11UL)]
    [InlineData(12UL)]
    [InlineData(13UL)]
    public void Equals_the_first_non_dominated_front(ulong seed)
    {
        var rng = new Rng(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            var points = RandomPoints.Grid(rng, 1 + rng.NextInt(50), 2 + rng.NextInt(2), 6);
            Assert.Equal(NonDominatedSorting.Sort(points)[0], ParetoFront.Of(points));
        }
    }
}
