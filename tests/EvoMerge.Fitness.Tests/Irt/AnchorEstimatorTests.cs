using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

public class AnchorEstimatorTests
{
    static (AnchorEstimator Estimator, SyntheticResponses Data) Calibrated(int anchors, ulong seed, int calibrationModels = 150)
    {
        var data = new SyntheticResponses(calibrationModels + 50, 400, 17);
        var calibration = data.Responses[..calibrationModels];
        var model = IrtFitter.Fit(calibration);
        var anchorSet = AnchorSelection.Select(model, anchors, new Rng(seed));
        return (new AnchorEstimator(model, anchorSet, calibration), data);
    }

    [Fact]
    public void Anchors_are_distinct_and_their_weights_are_cluster_shares()
    {
        var (estimator, _) = Calibrated(30, 1);
        var anchors = estimator.Anchors;
        Assert.Equal(30, anchors.Items.Distinct().Count());
        Assert.Equal(1.0, anchors.Weights.Sum(), 9);
        for (int k = 0; k < 30; k++)
            Assert.Equal(anchors.Weights[k], anchors.ClusterOfItem.Count(c => c == k) / 400.0, 12);
    }

    [Fact]
    public void Estimates_are_reproducible_under_the_seed()
    {
        var (first, data) = Calibrated(25, 5);
        var (second, _) = Calibrated(25, 5);
        var (other, _) = Calibrated(25, 6);
        Assert.Equal(first.Anchors.Items, second.Anchors.Items);
        Assert.NotEqual(first.Anchors.Items, other.Anchors.Items);
        var answers = first.Anchors.Items.Select(i => data.Responses[^1][i]).ToArray();
        Assert.Equal(first.Estimate(answers), second.Estimate(answers));
    }

    [Fact]
    public void Irt_estimates_of_held_out_models_beat_a_random_subset_of_the_same_size_with_calibrated_errors()
    {
        var (estimator, data) = Calibrated(30, 2);
        var rng = new Rng(99);
        double pIrtError = 0, gpError = 0, randomError = 0, coverage = 0;
        var heldOut = data.Responses[150..];
        foreach (var row in heldOut)
        {
            double truth = row.Average();
            var estimates = estimator.Estimate([.. estimator.Anchors.Items.Select(i => row[i])]);
            pIrtError += Math.Abs(estimates.PIrt.Value - truth);
            gpError += Math.Abs(estimates.GpIrt.Value - truth);
            if (Math.Abs(estimates.PIrt.Value - truth) <= 2 * estimates.PIrt.StandardError) coverage++;
            var sample = Enumerable.Range(0, 30).Select(_ => row[rng.NextInt(row.Length)]).Average();
            randomError += Math.Abs(sample - truth);
        }
        pIrtError /= heldOut.Length; gpError /= heldOut.Length; randomError /= heldOut.Length; coverage /= heldOut.Length;
        // With 30 of 400 items the ability is known to about +-0.3, so on data that follow the model
        // exactly IRT removes roughly a third of the random subset's error, not more.
        Assert.True(pIrtError < 0.8 * randomError, $"p-IRT MAE {pIrtError:F4} vs random subset {randomError:F4}");
        Assert.True(gpError < 0.9 * randomError, $"gp-IRT MAE {gpError:F4} vs random subset {randomError:F4}");
        Assert.True(coverage >= 0.85, $"p-IRT +-2 SE covered the truth for {coverage:P0} of held-out models");
    }

    [Fact]
    public void Asking_for_as_many_anchors_as_items_uses_every_item_and_the_exact_mean()
    {
        var data = new SyntheticResponses(20, 12, 4);
        var model = IrtFitter.Fit(data.Responses);
        var anchors = AnchorSelection.Select(model, 12, new Rng(1));
        var estimator = new AnchorEstimator(model, anchors, data.Responses);
        var row = data.Responses[0];
        var estimates = estimator.Estimate(row);
        Assert.Equal(row.Average(), estimates.Weighted.Value, 12);
        Assert.Equal(row.Average(), estimates.PIrt.Value, 12);
    }

    [Fact]
    public void Anchor_answers_of_the_wrong_count_are_refused()
    {
        var (estimator, _) = Calibrated(10, 1, calibrationModels: 40);
        var error = Assert.Throws<ArgumentException>(() => estimator.Estimate(new double[9]));
        Assert.Contains("9 anchor answers for 10 anchors", error.Message);
    }
}

public class AnchorEstimatorMisfitTests
{
    /// <summary>Two independent abilities, each driving half of the items: a one-dimensional 2PL cannot fit them.</summary>
    static double[][] TwoAbilityResponses(int models, int items, ulong seed)
    {
        var rng = new Rng(seed);
        var difficulty = Enumerable.Range(0, items).Select(_ => rng.NextGaussian()).ToArray();
        return [.. Enumerable.Range(0, models).Select(_ =>
        {
            double first = rng.NextGaussian() * 1.5, second = rng.NextGaussian() * 1.5;
            return Enumerable.Range(0, items).Select(i =>
                rng.NextDouble() < TwoParameterLogistic.Probability(1.5, difficulty[i], i < items / 2 ? first : second) ? 1.0 : 0.0).ToArray();
        })];
    }

    [Fact]
    public void Where_the_model_does_not_fit_gp_irt_leans_on_the_weighted_anchors()
    {
        var responses = TwoAbilityResponses(80, 300, 8);
        var calibration = responses[..40];
        var model = IrtFitter.Fit(calibration);
        var estimator = new AnchorEstimator(model, AnchorSelection.Select(model, 30, new Rng(1)), calibration);
        double lambda = 0;
        foreach (var row in responses[40..])
        {
            var estimates = estimator.Estimate([.. estimator.Anchors.Items.Select(i => row[i])]);
            lambda += estimates.Lambda;
        }
        lambda /= 40;
        Assert.True(lambda > 0.5, $"mean lambda {lambda:F2}: the cross-validated p-IRT bias should favour the weighted anchors");
    }
}
