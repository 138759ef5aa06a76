using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

public class SimplexLeastSquaresTests
{
    [Fact]
    public void It_recovers_the_convex_weights_that_made_a_vector()
    {
        double[][] rows = [[1, 0, 0, 1, 0.5], [0, 1, 0, 1, 0.2], [0, 0, 1, 0, 0.9]];
        double[] target = [.. Enumerable.Range(0, 5).Select(i => 0.3 * rows[0][i] + 0.7 * rows[2][i])];
        var beta = new SimplexLeastSquares(rows).Fit(target);
        Assert.Equal(0.3, beta[0], 6);
        Assert.Equal(0.0, beta[1], 6);
        Assert.Equal(0.7, beta[2], 6);
    }

    [Fact]
    public void A_target_outside_the_hull_gets_the_closest_mix_not_an_extrapolation()
    {
        double[][] rows = [[0, 0], [1, 0]];
        var beta = new SimplexLeastSquares(rows).Fit([2, 0]);
        Assert.Equal([0.0, 1.0], beta.Select(b => Math.Round(b, 6)));
    }

    [Fact]
    public void The_projection_lands_on_the_simplex_and_keeps_points_already_there()
    {
        var projected = SimplexLeastSquares.ProjectOntoSimplex([0.9, 0.8, -2]);
        Assert.Equal(1, projected.Sum(), 12);
        Assert.Equal([0.55, 0.45, 0.0], projected.Select(p => Math.Round(p, 12)));
        Assert.Equal([0.2, 0.8], SimplexLeastSquares.ProjectOntoSimplex([0.2, 0.8]).Select(p => Math.Round(p, 12)));
    }
}
