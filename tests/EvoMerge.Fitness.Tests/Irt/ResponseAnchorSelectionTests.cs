using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

public class ResponseAnchorSelectionTests
{
    [Fact]
    public void Anchors_are_distinct_cluster_representatives_weighted_by_cluster_share()
    {
        var calibration = new TwoSkillResponses(20, 300, 3).Responses;
        var anchors = ResponseAnchorSelection.Select(calibration, 24, new Rng(1));
        Assert.Equal(24, anchors.Items.Distinct().Count());
        Assert.Equal(1.0, anchors.Weights.Sum(), 9);
        for (int k = 0; k < 24; k++)
        {
            Assert.Equal(k, anchors.ClusterOfItem[anchors.Items[k]]);
            Assert.Equal(anchors.Weights[k], anchors.ClusterOfItem.Count(c => c == k) / 300.0, 12);
        }
    }

    [Fact]
    public void Items_the_calibration_models_answer_alike_share_a_cluster()
    {
        // Items 0-9 are answered right by models 0-1 only, items 10-19 by models 2-3 only: two answer patterns, two clusters.
        double[][] calibration = [.. Enumerable.Range(0, 4).Select(m => Enumerable.Range(0, 20).Select(i => (i < 10) == (m < 2) ? 1.0 : 0.0).ToArray())];
        var anchors = ResponseAnchorSelection.Select(calibration, 2, new Rng(7));
        Assert.Equal([0.5, 0.5], anchors.Weights);
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(anchors.ClusterOfItem[0], anchors.ClusterOfItem[i]));
        Assert.All(Enumerable.Range(10, 10), i => Assert.Equal(anchors.ClusterOfItem[10], anchors.ClusterOfItem[i]));
        Assert.NotEqual(anchors.ClusterOfItem[0], anchors.ClusterOfItem[10]);
    }

    [Fact]
    public void The_draw_is_reproducible_under_the_seed()
    {
        var calibration = new TwoSkillResponses(12, 200, 5).Responses;
        Assert.Equal(ResponseAnchorSelection.Select(calibration, 16, new Rng(9)), ResponseAnchorSelection.Select(calibration, 16, new Rng(9)), AnchorSetComparer.Instance);
        Assert.NotEqual(ResponseAnchorSelection.Select(calibration, 16, new Rng(9)).Items, ResponseAnchorSelection.Select(calibration, 16, new Rng(10)).Items);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_reason()
    {
        Assert.Contains("at least one calibration model", Assert.Throws<ArgumentException>(() => ResponseAnchorSelection.Select([], 2, new Rng(1))).Message);
        Assert.Contains("one score per item", Assert.Throws<ArgumentException>(() => ResponseAnchorSelection.Select([[1, 0], [1]], 1, new Rng(1))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ResponseAnchorSelection.Select([[1, 0]], 0, new Rng(1)));
    }

    sealed class AnchorSetComparer : IEqualityComparer<AnchorSet>
    {
        public static readonly AnchorSetComparer Instance = new();

        public bool Equals(AnchorSet? x, AnchorSet? y) =>
            x is not null && y is not null && x.Items.SequenceEqual(y.Items) && x.Weights.SequenceEqual(y.Weights) && x.ClusterOfItem.SequenceEqual(y.ClusterOfItem);

        public int GetHashCode(AnchorSet obj) => obj.Items.Length;
    }
}
