using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Racing;

namespace EvoMerge.Fitness.Tests.Racing;

public class RaceTests
{
    /// <summary>0/1 scores: candidate c answers each example correctly with probability accuracy[c].</summary>
    static double[][] Bernoulli(double[] accuracy, int examples, ulong seed)
    {
        var rng = new Rng(seed);
        return [.. accuracy.Select(p => Enumerable.Range(0, examples).Select(_ => rng.NextDouble() < p ? 1.0 : 0.0).ToArray())];
    }

    static int[] FullRanking(double[][] scores) =>
        [.. Enumerable.Range(0, scores.Length).OrderByDescending(c => Sum(scores[c])).ThenBy(c => c)];

    static double Sum(double[] values)
    {
        double total = 0;
        foreach (var v in values) total += v;
        return total;
    }

    static Race.SliceScorer From(double[][] scores, List<(int, int, int)>? calls = null) => (c, from, to) =>
    {
        calls?.Add((c, from, to));
        return scores[c][from..to];
    };

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Confidence_one_gives_exactly_the_full_ranking(ulong seed)
    {
        // Close accuracies and repeated ones so that ties in the full mean occur too.
        var scores = Bernoulli([0.50, 0.52, 0.52, 0.55, 0.49, 0.60, 0.50, 0.51], 300, seed);
        scores[7] = (double[])scores[0].Clone(); // an exact tie with candidate 0
        var result = Race.Run(scores.Length, 300, new RacingOptions(Start: 16, Growth: 2, Confidence: 1), From(scores));
        Assert.Equal(FullRanking(scores), result.Ranking);
        Assert.All(result.ExamplesUsed, n => Assert.Equal(300, n));
    }

    [Fact]
    public void Well_separated_candidates_are_ranked_correctly_with_far_fewer_examples()
    {
        // Ten candidates ten points of accuracy apart.
        var accuracy = new[] { 0.05, 0.35, 0.55, 0.75, 0.95, 0.15, 0.25, 0.45, 0.65, 0.85 };
        var scores = Bernoulli(accuracy, 2000, 11);
        var result = Race.Run(scores.Length, 2000, new RacingOptions(Start: 32, Growth: 1.5, Confidence: 0.95), From(scores));
        Assert.Equal(FullRanking(scores), result.Ranking);
        long full = 2000L * scores.Length;
        // Neighbours ten points apart need about 500 paired examples at a Bonferroni-corrected 95 %.
        Assert.True(result.TotalExamples * 3 < full, $"racing used {result.TotalExamples} of {full} example evaluations ({string.Join(",", result.ExamplesUsed)})");
    }

    [Fact]
    public void Candidates_are_scored_on_consecutive_slices_without_repeats()
    {
        var scores = Bernoulli([0.2, 0.8, 0.5, 0.52], 500, 5);
        var calls = new List<(int Candidate, int From, int To)>();
        var result = Race.Run(4, 500, new RacingOptions(Start: 20, Growth: 1.5), From(scores, calls));
        foreach (var group in calls.GroupBy(c => c.Candidate))
        {
            int next = 0;
            foreach (var call in group)
            {
                Assert.Equal(next, call.From);
                next = call.To;
            }
            Assert.Equal(result.ExamplesUsed[group.Key], next);
        }
    }

    [Fact]
    public void Rank_depth_spends_nothing_on_ordering_candidates_that_are_certainly_out()
    {
        // Two clear leaders, then near-identical losers: only the top two ranks matter.
        var scores = Bernoulli([0.9, 0.7, 0.30, 0.30, 0.31, 0.30], 4000, 9);
        var all = Race.Run(6, 4000, new RacingOptions(Confidence: 0.95), From(scores));
        var topTwo = Race.Run(6, 4000, new RacingOptions(Confidence: 0.95, RankDepth: 2), From(scores));
        Assert.Equal([0, 1], topTwo.Ranking[..2]);
        Assert.True(topTwo.TotalExamples * 4 < all.TotalExamples, $"depth 2 used {topTwo.TotalExamples}, all ranks {all.TotalExamples}");
    }

    [Fact]
    public void Bad_options_are_refused_all_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => Race.Run(3, 100, new RacingOptions(Start: 1, Growth: 1, Confidence: 0), From([[1], [1], [1]])));
        Assert.Contains("racing.start", error.Message);
        Assert.Contains("racing.growth", error.Message);
        Assert.Contains("racing.confidence", error.Message);
    }
}
