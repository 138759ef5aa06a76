using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;
using EvoMerge.Fitness.Subsets;

namespace EvoMerge.Fitness.Tests.Irt;

public class AnswerCompletionEstimatorTests
{
    const int Items = 500, Calibration = 40, HeldOut = 100, Anchors = 40;

    static (AnswerCompletionEstimator Estimator, double[][] HeldOut) Calibrated(ulong anchorSeed)
    {
        var all = new LowRankResponses(Calibration + HeldOut, Items, 3, 11).Responses;
        var calibration = all[..Calibration];
        var anchors = FixedSubset.Draw(Items, new Rng(anchorSeed)).Take(Anchors);
        return (new AnswerCompletionEstimator(anchors, calibration), all[Calibration..]);
    }

    static double[] AnchorAnswers(AnswerCompletionEstimator estimator, double[] answers) => [.. estimator.Anchors.Select(i => answers[i])];

    [Fact]
    public void On_answers_of_low_rank_its_error_is_at_most_half_a_random_subsets()
    {
        var (estimator, heldOut) = Calibrated(1);
        var rng = new Rng(2);
        double completion = 0, random = 0;
        foreach (var answers in heldOut)
        {
            double truth = answers.Average();
            completion += Math.Abs(estimator.Estimate(AnchorAnswers(estimator, answers)).Value - truth);
            random += Math.Abs(FixedSubset.Draw(Items, rng).Take(Anchors).Average(i => answers[i]) - truth);
        }
        Assert.True(completion <= 0.5 * random, $"completion MAE {completion / HeldOut:F4}, random subset {random / HeldOut:F4}");
    }

    [Fact]
    public void Its_leave_one_out_standard_error_covers_the_truth_for_most_models()
    {
        var (estimator, heldOut) = Calibrated(3);
        Assert.InRange(estimator.StandardError, 1e-4, 0.1);
        int covered = heldOut.Count(answers =>
        {
            var estimate = estimator.Estimate(AnchorAnswers(estimator, answers));
            return Math.Abs(estimate.Value - answers.Average()) <= 2 * estimate.StandardError;
        });
        Assert.True(covered >= 0.8 * HeldOut, $"±2 SE covered the truth for {covered} of {HeldOut} models");
    }

    [Fact]
    public void Estimates_are_reproducible_under_the_anchor_seed_and_differ_under_another()
    {
        var (first, heldOut) = Calibrated(5);
        var (second, _) = Calibrated(5);
        var (other, _) = Calibrated(6);
        double[] Estimates(AnswerCompletionEstimator e) => [.. heldOut.Take(10).Select(a => e.Estimate(AnchorAnswers(e, a)).Value)];
        Assert.Equal(first.Anchors, second.Anchors);
        Assert.Equal(Estimates(first), Estimates(second));
        Assert.NotEqual(Estimates(first), Estimates(other));
    }

    [Fact]
    public void A_model_answering_as_a_mix_of_two_calibration_models_is_completed_exactly()
    {
        var calibration = new TwoSkillResponses(6, Items, 4).Responses;
        // Scores halfway between models 1 and 4 on every item: the fit sees them only on the anchors, finds the
        // weights (1/2, 1/2) there and so predicts every other item exactly.
        var mixed = Enumerable.Range(0, Items).Select(i => 0.5 * calibration[1][i] + 0.5 * calibration[4][i]).ToArray();
        var anchors = FixedSubset.Draw(Items, new Rng(8)).Take(Anchors);
        var estimator = new AnswerCompletionEstimator(anchors, calibration);
        Assert.Equal(mixed.Average(), estimator.Estimate(AnchorAnswers(estimator, mixed)).Value, 3);
    }

    [Fact]
    public void Anchors_outside_the_examples_or_repeated_and_ragged_calibration_rows_are_refused()
    {
        var calibration = new TwoSkillResponses(3, 10, 1).Responses;
        Assert.Throws<ArgumentException>(() => new AnswerCompletionEstimator([1, 1], calibration));
        Assert.Throws<ArgumentException>(() => new AnswerCompletionEstimator([10], calibration));
        Assert.Throws<ArgumentException>(() => new AnswerCompletionEstimator([0], [calibration[0], [1.0]]));
        var estimator = new AnswerCompletionEstimator([0, 3], calibration);
        Assert.Throws<ArgumentException>(() => estimator.Estimate([1.0]));
    }
}
