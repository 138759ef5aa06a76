using EvoMerge.Core.Pareto;

namespace EvoMerge.Core.Tests.Pareto;

public class CrowdingDistanceTests
{
    [Fact]
    public void Boundary_points_are_infinite_and_interior_points_sum_normalized_gaps()
    {
        // Sorted by f1: (0,4) (1,2) (3,1) (4,0); ranges 4 and 4.
        var front = new[] { new[] { 3.0, 1.0 }, new[] { 0.0, 4.0 }, new[] { 4.0, 0.0 }, new[] { 1.0, 2.0 } };
        var d = CrowdingDistance.Compute(front);
        Assert.Equal(double.PositiveInfinity, d[1]);
        Assert.Equal(double.PositiveInfinity, d[2]);
        // (1,2): f1 gap (3-0)/4, f2 gap (4-1)/4.
        Assert.Equal(3.0 / 4 + 3.0 / 4, d[3], 12);
        // (3,1): f1 gap (4-1)/4, f2 gap (2-0)/4.
        Assert.Equal(3.0 / 4 + 2.0 / 4, d[0], 12);
    }

    [Fact]
    public void Fronts_of_one_or_two_points_are_all_boundary()
    {
        Assert.Equal(new[] { double.PositiveInfinity }, CrowdingDistance.Compute(new[] { new[] { 1.0, 1.0 } }));
        Assert.All(CrowdingDistance.Compute(new[] { new[] { 1.0, 2.0 }, new[] { 2.0, 1.0 } }),
            d => Assert.Equal(double.PositiveInfinity, d));
        Assert.Empty(CrowdingDistance.Compute(new List<double[]>()));
    }

    [Fact]
    public void An_objective_with_no_spread_adds_nothing()
    {
        // f2 is constant; on f1 the order is 0,1,2 (by value), ties keep positions.
        var front = new[] { new[] { 0.0, 5.0 }, new[] { 1.0, 5.0 }, new[] { 3.0, 5.0 } };
        var d = CrowdingDistance.Compute(front);
        Assert.Equal(double.PositiveInfinity, d[0]);
        Assert.Equal(1.0, d[1], 12);
        Assert.Equal(double.PositiveInfinity, d[2]);
    }

    [Fact]
    public void Three_objective_case()
    {
        var front = new[] { new[] { 0.0, 2.0, 1.0 }, new[] { 1.0, 1.0, 0.0 }, new[] { 2.0, 0.0, 2.0 } };
        var d = CrowdingDistance.Compute(front);
        // Point 1 is interior on f1 and f2 but the minimum on f3, so it is a boundary point.
        Assert.All(d, x => Assert.Equal(double.PositiveInfinity, x));
    }
}
