using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

public class ReferenceSamplingTests
{
    static double[] Reference(int n, ulong seed)
    {
        var rng = new Rng(seed);
        return [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5 ? rng.NextDouble() : Math.Round(rng.NextDouble()))];
    }

    [Fact]
    public void It_draws_exactly_the_asked_number_of_distinct_ascending_anchors_with_probabilities_in_range()
    {
        var sample = ReferenceSampling.Draw(Reference(300, 1), 40, new Rng(2));
        Assert.Equal(40, sample.Items.Length);
        Assert.Equal(sample.Items.Order(), sample.Items);
        Assert.Equal(40, sample.Items.Distinct().Count());
        Assert.All(sample.Inclusion, p => Assert.InRange(p, 1e-9, 1));
    }

    [Fact]
    public void Examples_the_reference_is_unsure_of_are_drawn_more_often()
    {
        // Half the items are certain (reference 0 or 1), half unsure (0.5): the unsure half has all of the informed share.
        double[] reference = [.. Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 0.5 : (i % 4 == 1 ? 0.0 : 1.0))];
        var rng = new Rng(3);
        int unsure = 0, total = 0;
        for (int d = 0; d < 200; d++)
        {
            var sample = ReferenceSampling.Draw(reference, 20, rng);
            unsure += sample.Items.Count(i => i % 2 == 0);
            total += sample.Items.Length;
        }
        // Expected share: 0.7 + 0.3 / 2 = 0.85 (uniform share 0.3).
        Assert.InRange(unsure / (double)total, 0.8, 0.9);
    }

    [Fact]
    public void An_example_whose_share_exceeds_one_draw_is_taken_for_certain()
    {
        double[] reference = [.. Enumerable.Range(0, 100).Select(i => i == 7 ? 0.5 : 0.0)];
        var sample = ReferenceSampling.Draw(reference, 10, new Rng(4));
        Assert.Contains(7, sample.Items);
        Assert.Equal(1.0, sample.Inclusion[Array.IndexOf(sample.Items, 7)]);
        Assert.Equal(10, sample.Items.Length);
    }

    [Fact]
    public void The_estimate_is_unbiased_over_draws_even_with_a_wrong_reference()
    {
        var truthAnswers = new GeneThresholdResponses(400, 2, 5).Answers([0.3, 0.8]);
        double truth = truthAnswers.Average();
        // A reference far from the model's answers: the inverse of them, softened.
        double[] wrong = [.. truthAnswers.Select(y => 0.8 - 0.6 * y)];
        var rng = new Rng(6);
        const int Draws = 3000;
        var estimates = new double[Draws];
        for (int d = 0; d < Draws; d++)
        {
            var sample = ReferenceSampling.Draw(wrong, 30, rng);
            estimates[d] = sample.Estimate([.. sample.Items.Select(i => truthAnswers[i])]).Value;
        }
        double mean = estimates.Average();
        double sd = Math.Sqrt(estimates.Select(e => (e - mean) * (e - mean)).Sum() / (Draws - 1));
        double standardErrorOfMean = sd / Math.Sqrt(Draws);
        Assert.True(Math.Abs(mean - truth) <= 4 * standardErrorOfMean, $"mean of estimates {mean:F5}, truth {truth:F5}, standard error of the mean {standardErrorOfMean:F5}");
    }

    [Fact]
    public void Its_standard_error_covers_the_truth_for_most_draws()
    {
        var answers = new GeneThresholdResponses(500, 2, 7).Answers([0.6, 0.2]);
        double truth = answers.Average();
        var rng = new Rng(8);
        double[] reference = [.. answers.Select((y, i) => i % 5 == 0 ? 0.5 : 0.85 * y + 0.1)];
        int covered = 0;
        const int Draws = 400;
        for (int d = 0; d < Draws; d++)
        {
            var sample = ReferenceSampling.Draw(reference, 40, rng);
            var estimate = sample.Estimate([.. sample.Items.Select(i => answers[i])]);
            Assert.True(estimate.StandardError > 0);
            if (Math.Abs(estimate.Value - truth) <= 2 * estimate.StandardError) covered++;
        }
        Assert.True(covered >= 0.9 * Draws, $"±2 SE covered the truth in {covered} of {Draws} draws");
    }

    [Fact]
    public void Draws_are_reproducible_under_the_seed_and_differ_under_another()
    {
        var reference = Reference(300, 9);
        Assert.Equal(ReferenceSampling.Draw(reference, 30, new Rng(10)).Items, ReferenceSampling.Draw(reference, 30, new Rng(10)).Items);
        Assert.NotEqual(ReferenceSampling.Draw(reference, 30, new Rng(10)).Items, ReferenceSampling.Draw(reference, 30, new Rng(11)).Items);
    }

    [Fact]
    public void Asking_for_every_example_scores_them_all_and_the_estimate_is_exact()
    {
        double[] answers = [1, 0, 0, 1, 1];
        var sample = ReferenceSampling.Draw([0.2, 0.9, 0.5, 0.5, 0.1], 9, new Rng(12));
        Assert.Equal([0, 1, 2, 3, 4], sample.Items);
        var estimate = sample.Estimate([.. sample.Items.Select(i => answers[i])]);
        Assert.Equal(0.6, estimate.Value, 12);
        Assert.Equal(0, estimate.StandardError);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ReferenceSampling.Draw([], 3, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceSampling.Draw([0.5], 0, new Rng(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReferenceSampling.Draw([0.5], 1, new Rng(1), uniformShare: 0));
        var sample = ReferenceSampling.Draw([0.5, 0.5], 1, new Rng(1));
        Assert.Throws<ArgumentException>(() => sample.Estimate([1, 0]));
    }
}
