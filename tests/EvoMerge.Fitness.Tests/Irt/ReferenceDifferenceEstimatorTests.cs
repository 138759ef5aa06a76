using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

public class ReferenceDifferenceEstimatorTests
{
    const int Items = 500, Calibration = 40, HeldOut = 100, Anchors = 40;

    static (ReferenceDifferenceEstimator Estimator, double[][] HeldOut) Calibrated(ulong anchorSeed)
    {
        var all = new TwoSkillResponses(Calibration + HeldOut, Items, 11).Responses;
        var calibration = all[..Calibration];
        var anchors = ResponseAnchorSelection.Select(calibration, Anchors, new Rng(anchorSeed));
        return (new ReferenceDifferenceEstimator(anchors, calibration), all[Calibration..]);
    }

    static double[] AnchorAnswers(ReferenceDifferenceEstimator estimator, double[] answers) => [.. estimator.Anchors.Items.Select(i => answers[i])];

    [Fact]
    public void On_a_family_of_similar_models_its_error_is_at_most_half_a_random_subsets()
    {
        var (estimator, heldOut) = Calibrated(1);
        var rng = new Rng(2);
        double difference = 0, random = 0;
        foreach (var answers in heldOut)
        {
            double truth = answers.Average();
            difference += Math.Abs(estimator.Estimate(AnchorAnswers(estimator, answers)).Value - truth);
            random += Math.Abs(Enumerable.Range(0, Items).OrderBy(_ => rng.NextDouble()).Take(Anchors).Average(i => answers[i]) - truth);
        }
        Assert.True(difference <= 0.5 * random, $"difference estimator MAE {difference / HeldOut:F4}, random subset {random / HeldOut:F4}");
    }

    [Fact]
    public void Its_standard_error_covers_the_truth_for_most_models()
    {
        var (estimator, heldOut) = Calibrated(3);
        int covered = heldOut.Count(answers =>
        {
            var estimate = estimator.Estimate(AnchorAnswers(estimator, answers));
            return Math.Abs(estimate.Value - answers.Average()) <= 2 * estimate.StandardError;
        });
        Assert.True(covered >= 0.8 * HeldOut, $"±2 SE covered the truth for {covered} of {HeldOut} models");
    }

    [Fact]
    public void A_calibration_model_gets_close_to_its_own_accuracy()
    {
        var all = new TwoSkillResponses(Calibration, Items, 11).Responses;
        var estimator = new ReferenceDifferenceEstimator(ResponseAnchorSelection.Select(all, Anchors, new Rng(4)), all);
        foreach (var answers in all.Take(5))
            Assert.InRange(estimator.Estimate(AnchorAnswers(estimator, answers)).Value, answers.Average() - 0.02, answers.Average() + 0.02);
    }

    [Fact]
    public void Estimates_are_reproducible_under_the_anchor_seed()
    {
        var (first, heldOut) = Calibrated(5);
        var (second, _) = Calibrated(5);
        Assert.Equal(first.Anchors.Items, second.Anchors.Items);
        foreach (var answers in heldOut.Take(10))
            Assert.Equal(first.Estimate(AnchorAnswers(first, answers)), second.Estimate(AnchorAnswers(second, answers)));
    }

    [Fact]
    public void Bad_input_is_refused_with_the_reason()
    {
        var (estimator, _) = Calibrated(6);
        Assert.Contains($"for {Anchors} anchors", Assert.Throws<ArgumentException>(() => estimator.Estimate([1, 0])).Message);
        var anchors = new AnchorSet([0], [1.0], [0, 0]);
        Assert.Contains("anchors cover 2 items", Assert.Throws<ArgumentException>(() => new ReferenceDifferenceEstimator(anchors, [[1, 0, 1]])).Message);
        Assert.Contains("at least one calibration model", Assert.Throws<ArgumentException>(() => new ReferenceDifferenceEstimator(anchors, [])).Message);
    }
}
