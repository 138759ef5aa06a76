using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

public class LocalLinearReferenceTests
{
    [Fact]
    public void Scores_that_are_affine_in_the_genes_are_predicted_exactly_even_outside_the_models_seen()
    {
        // Item i scores 0.1 + 0.2 g0 + 0.3 i/10 g1: a plane, which a neighbour average cannot follow past the models seen.
        double Score(double[] g, int i) => 0.1 + 0.2 * g[0] + 0.03 * i * g[1];
        double[][] genes = [[0, 0], [0.5, 0], [0, 0.5], [0.5, 0.5], [0.25, 0.1]];
        double[][] answers = [.. genes.Select(g => Enumerable.Range(0, 10).Select(i => Score(g, i)).ToArray())];
        var reference = new LocalLinearReference(genes, answers, ridge: 1e-9);
        double[] outside = [0.9, 0.8];
        var predicted = reference.At(outside);
        for (int i = 0; i < 10; i++) Assert.Equal(Score(outside, i), predicted[i], 6);
    }

    [Fact]
    public void Predictions_stay_within_zero_and_one()
    {
        double[][] genes = [[0.0], [0.5], [1.0]];
        double[][] answers = [[0, 1], [0.5, 0.5], [1, 0]];
        var predicted = new LocalLinearReference(genes, answers, ridge: 1e-9).At([3.0]);
        Assert.Equal([1.0, 0.0], predicted);
    }

    [Fact]
    public void Mismatched_or_empty_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new LocalLinearReference([], []));
        Assert.Throws<ArgumentException>(() => new LocalLinearReference([[0.0]], [[1.0], [0.0]]));
        Assert.Throws<ArgumentException>(() => new LocalLinearReference([[0.0], [1.0, 2.0]], [[1.0], [0.0]]));
        Assert.Throws<ArgumentException>(() => new LocalLinearReference([[0.0]], [[1.0]]).At([0.0, 1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalLinearReference([[0.0]], [[1.0]], neighbours: 0));
    }
}
