using EvoMerge.Core.Pareto;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Core.Tests.Pareto;

public class NonDominatedSortingTests
{
    [Fact]
    public void Hand_case_gives_the_expected_fronts()
    {
        var points = new List<double[]>
        {
            new[] { 1.0, 5.0 }, // 0: front 0
            new[] { 2.0, 6.0 }, // 1: dominated by 0 -> front 1
            new[] { 3.0, 3.0 }, // 2: front 0
            new[] { 5.0, 1.0 }, // 3: front 0
            new[] { 4.0, 4.0 }, // 4: dominated by 2 -> front 1
            new[] { 6.0, 6.0 }, // 5: dominated by 1 and 4 -> front 2
            new[] { 3.0, 3.0 }, // 6: equal to 2 -> front 0
        };
        var fronts = NonDominatedSorting.Sort(points);
        Assert.Equal(3, fronts.Count);
        Assert.Equal(new[] { 0, 2, 3, 6 }, fronts[0]);
        Assert.Equal(new[] { 1, 4 }, fronts[1]);
        Assert.Equal(new[] { 5 }, fronts[2]);
    }

    [Fact]
    public void Empty_input_gives_no_fronts() => Assert.Empty(NonDominatedSorting.Sort(new List<double[]>()));

    [Fact]
    public void Mismatched_and_nan_points_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => NonDominatedSorting.Sort(new[] { new[] { 1.0, 2.0 }, new[] { 1.0 } }));
        Assert.Throws<ArgumentException>(() => NonDominatedSorting.Sort(new[] { new[] { 1.0, double.NaN } }));
    }

    [Theory]
    [InlineData(1UL, 2)]
    [InlineData(2UL, 2)]
    [InlineData(3UL, 3)]
    [InlineData(4UL, 3)]
    [InlineData(5UL, 4)]
    [InlineData(6UL, 1)]
    public void Matches_brute_force_peeling_on_random_points(ulong seed, int objectives)
    {
        var rng = new Rng(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            var points = RandomPoints.Grid(rng, 1 + rng.NextInt(60), objectives, 2 + rng.NextInt(8));
            var fronts = NonDominatedSorting.Sort(points);
            Assert.Equal(BruteForceFronts(points), fronts.Select(f => f.ToList()).ToList());
        }
    }

    /// <summary>Repeatedly removes the points nobody among the remaining ones dominates.</summary>
    static List<List<int>> BruteForceFronts(List<double[]> points)
    {
        var remaining = Enumerable.Range(0, points.Count).ToList();
        var fronts = new List<List<int>>();
        while (remaining.Count > 0)
        {
            var front = remaining.Where(i => !remaining.Any(j => BruteDominates(points[j], points[i]))).ToList();
            fronts.Add(front);
            remaining = remaining.Except(front).ToList();
        }
        return fronts;
    }

    static bool BruteDominates(double[] a, double[] b) =>
        a.Zip(b).All(t => t.First <= t.Second) && a.Zip(b).Any(t => t.First < t.Second);
}
