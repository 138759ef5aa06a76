using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;
using EvoMerge.Fitness.Subsets;

namespace EvoMerge.Fitness.Tests.Irt;

public class NeighbourEstimatorTests
{
    const int Items = 500, Calibration = 40, HeldOut = 100, Anchors = 40;

    static (NeighbourEstimator Estimator, double[][] Genes, double[][] Answers) Setup(ulong seed)
    {
        var models = new GeneThresholdResponses(Items, 2, seed);
        var rng = new Rng(seed + 1);
        var calibration = models.RandomModels(Calibration, rng);
        var heldOut = models.RandomModels(HeldOut, rng);
        return (new NeighbourEstimator(calibration, [.. calibration.Select(models.Answers)]), heldOut, [.. heldOut.Select(models.Answers)]);
    }

    [Fact]
    public void On_models_that_answer_like_their_neighbours_its_error_is_at_most_half_a_random_subsets()
    {
        var (estimator, genes, answers) = Setup(1);
        var rng = new Rng(2);
        double neighbour = 0, random = 0;
        for (int c = 0; c < HeldOut; c++)
        {
            double truth = answers[c].Average();
            var sample = estimator.Draw(genes[c], Anchors, rng);
            neighbour += Math.Abs(sample.Estimate([.. sample.Items.Select(i => answers[c][i])]).Value - truth);
            random += Math.Abs(FixedSubset.Draw(Items, rng).Take(Anchors).Average(i => answers[c][i]) - truth);
        }
        Assert.True(neighbour <= 0.5 * random, $"neighbour MAE {neighbour / HeldOut:F4}, random subset {random / HeldOut:F4}");
    }

    [Fact]
    public void Its_standard_error_covers_the_truth_for_most_models()
    {
        var (estimator, genes, answers) = Setup(3);
        var rng = new Rng(4);
        int covered = 0;
        for (int c = 0; c < HeldOut; c++)
        {
            var sample = estimator.Draw(genes[c], Anchors, rng);
            var estimate = sample.Estimate([.. sample.Items.Select(i => answers[c][i])]);
            if (Math.Abs(estimate.Value - answers[c].Average()) <= 2 * estimate.StandardError + 1e-12) covered++;
        }
        Assert.True(covered >= 0.85 * HeldOut, $"±2 SE covered the truth for {covered} of {HeldOut} models");
    }

    [Fact]
    public void Estimates_are_reproducible_under_the_seed()
    {
        var (estimator, genes, answers) = Setup(5);
        double[] Run(ulong seed)
        {
            var rng = new Rng(seed);
            return [.. Enumerable.Range(0, 10).Select(c =>
            {
                var sample = estimator.Draw(genes[c], Anchors, rng);
                return sample.Estimate([.. sample.Items.Select(i => answers[c][i])]).Value;
            })];
        }
        Assert.Equal(Run(6), Run(6));
        Assert.NotEqual(Run(6), Run(7));
    }
}
