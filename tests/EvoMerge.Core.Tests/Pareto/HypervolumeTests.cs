using EvoMerge.Core.Pareto;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Core.Tests.Pareto;

public class HypervolumeTests
{
    [Fact]
    public void Two_objective_staircase_by_hand()
    {
        // Reference (4,4). Points (1,3), (2,2), (3,1): union of rectangles
        // [1,4]x[3,4] + [2,4]x[2,3] + [3,4]x[1,2] = 3 + 2 + 1 = 6.
        var points = new[] { new[] { 2.0, 2.0 }, new[] { 1.0, 3.0 }, new[] { 3.0, 1.0 } };
        Assert.Equal(6.0, Hypervolume.Compute(points, new[] { 4.0, 4.0 }), 12);
    }

    [Fact]
    public void Dominated_duplicate_and_outside_points_add_nothing()
    {
        var points = new[]
        {
            new[] { 1.0, 3.0 }, new[] { 2.0, 2.0 }, new[] { 3.0, 1.0 },
            new[] { 2.5, 2.5 },          // dominated by (2,2)
            new[] { 2.0, 2.0 },          // duplicate
            new[] { 5.0, 0.0 },          // beyond the reference on f1
            new[] { 0.0, 4.0 },          // on the reference boundary: zero volume
        };
        Assert.Equal(6.0, Hypervolume.Compute(points, new[] { 4.0, 4.0 }), 12);
    }

    [Fact]
    public void Three_objective_cases_by_hand()
    {
        // A single box.
        Assert.Equal(2.0 * 3 * 4, Hypervolume.Compute(new[] { new[] { 0.0, 0.0, 0.0 } }, new[] { 2.0, 3.0, 4.0 }), 12);
        // Two boxes from (0,1,1) and (1,0,0) under reference (2,2,2):
        // 2*1*1 + 1*2*2 - overlap (1*1*1) = 5.
        var two = new[] { new[] { 0.0, 1.0, 1.0 }, new[] { 1.0, 0.0, 0.0 } };
        Assert.Equal(5.0, Hypervolume.Compute(two, new[] { 2.0, 2.0, 2.0 }), 12);
        // The three unit "corners" (1,0,0), (0,1,0), (0,0,1) under (2,2,2):
        // each box is 1*2*2 = 4; pairwise overlaps 1*1*2 = 2 each; triple overlap 1.
        // 3*4 - 3*2 + 1 = 7.
        var corners = new[] { new[] { 1.0, 0.0, 0.0 }, new[] { 0.0, 1.0, 0.0 }, new[] { 0.0, 0.0, 1.0 } };
        Assert.Equal(7.0, Hypervolume.Compute(corners, new[] { 2.0, 2.0, 2.0 }), 12);
    }

    [Fact]
    public void One_objective_is_a_length() =>
        Assert.Equal(3.0, Hypervolume.Compute(new[] { new[] { 2.0 }, new[] { 4.0 } }, new[] { 5.0 }), 12);

    [Fact]
    public void Empty_set_has_zero_volume() =>
        Assert.Equal(0.0, Hypervolume.Compute(new List<double[]>(), new[] { 1.0, 1.0 }));

    [Fact]
    public void More_than_three_objectives_and_mismatches_are_rejected()
    {
        Assert.Throws<ArgumentException>(() =>
            Hypervolume.Compute(new[] { new[] { 0.0, 0.0, 0.0, 0.0 } }, new[] { 1.0, 1.0, 1.0, 1.0 }));
        Assert.Throws<ArgumentException>(() => Hypervolume.Compute(new[] { new[] { 0.0, 0.0 } }, new[] { 1.0, 1.0, 1.0 }));
        Assert.Throws<ArgumentException>(() => Hypervolume.Compute(new[] { new[] { 0.0, 0.0 } }, new[] { 1.0, double.NaN }));
    }

    [Theory]
    [InlineData(21UL, 2)]
    [InlineData(22UL, 2)]
    [InlineData(23UL, 3)]
    [InlineData(24UL, 3)]
    public void Matches_exact_cell_counting_on_random_grid_points(ulong seed, int objectives)
    {
        var rng = new Rng(seed);
        for (int trial = 0; trial < 15; trial++)
        {
            const int levels = 7;
            var points = RandomPoints.Grid(rng, 1 + rng.NextInt(25), objectives, levels);
            var reference = Enumerable.Repeat((double)levels, objectives).ToArray();
            Assert.Equal(CountDominatedUnitCells(points, levels, objectives), Hypervolume.Compute(points, reference), 9);
        }
    }

    /// <summary>With integer coordinates the dominated region is a union of unit cells; count them.</summary>
    static double CountDominatedUnitCells(List<double[]> points, int levels, int objectives)
    {
        int cells = (int)Math.Pow(levels, objectives), count = 0;
        var corner = new double[objectives];
        for (int c = 0; c < cells; c++)
        {
            for (int k = 0, rest = c; k < objectives; k++, rest /= levels) corner[k] = rest % levels;
            // The cell [corner, corner + 1] is dominated iff some point is <= its lower corner everywhere.
            if (points.Any(p => p.Zip(corner).All(t => t.First <= t.Second))) count++;
        }
        return count;
    }
}
