using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Optimizers.Tests.Niching;

public class ResourceCompetitionTests
{
    // Model 0 solves examples 0 and 1, model 1 only example 0, model 2 nothing: z = [2, 1, 0].
    static readonly double[][] Scores = [[1, 1, 0], [1, 0, 0], [0, 0, 0]];

    [Theory]
    [InlineData(1.0, new[] { 0.5, 1, 1 }, new[] { 1.5, 0.5, 0 })]
    [InlineData(0.0, new[] { 1.0, 1, 1 }, new[] { 2.0, 1, 0 })]
    [InlineData(2.0, new[] { 0.25, 1, 1 }, new[] { 1.25, 0.25, 0 })]
    public void Fitness_shares_each_example_among_the_models_that_solve_it(double alpha, double[] expectedWeights, double[] expectedFitness)
    {
        var totals = new double[3];
        ResourceCompetition.Totals(Scores, totals);
        Assert.Equal(new double[] { 2, 1, 0 }, totals);

        var weights = new double[3];
        ResourceCompetition.ShareWeights(totals, alpha, weights);
        // The unsolved example (z = 0) gets weight 1, not a division by zero.
        Assert.Equal(expectedWeights, weights);

        var fitness = new double[3];
        ResourceCompetition.Fitness(Scores, weights, fitness);
        Assert.Equal(expectedFitness, fitness);
    }

    [Fact]
    public void Fractional_alpha_uses_the_power()
    {
        var weights = new double[2];
        ResourceCompetition.ShareWeights(new double[] { 4, 0 }, 0.5, weights);
        Assert.Equal(0.5, weights[0], 15);
        Assert.Equal(1.0, weights[1]);
    }
}
