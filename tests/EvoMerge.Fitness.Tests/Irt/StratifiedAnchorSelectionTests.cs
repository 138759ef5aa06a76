using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

public class StratifiedAnchorSelectionTests
{
    static IrtModel Model(int items, Rng rng) =>
        new([.. Enumerable.Range(0, items).Select(_ => new ItemParameters(0.5 + rng.NextDouble(), rng.NextGaussian()))], [0, 1], 1, 0);

    [Fact]
    public void Each_stratum_gets_anchors_in_proportion_and_its_items_map_to_its_own_anchors()
    {
        var model = Model(100, new Rng(7));
        int[] strata = [.. Enumerable.Range(0, 100).Select(i => i < 60 ? 3 : 8)];

        var anchors = StratifiedAnchorSelection.Select(model, 10, strata, new Rng(1));

        Assert.Equal(10, anchors.Items.Distinct().Count());
        Assert.Equal(anchors.Items.Order(), anchors.Items);
        Assert.Equal(6, anchors.Items.Count(i => strata[i] == 3));
        Assert.Equal(4, anchors.Items.Count(i => strata[i] == 8));
        for (int i = 0; i < 100; i++) Assert.Equal(strata[i], strata[anchors.Items[anchors.ClusterOfItem[i]]]);
        // Weights are cluster shares: each stratum's anchors weigh its share of the items.
        Assert.Equal(0.6, anchors.Items.Select((item, k) => (item, k)).Where(x => strata[x.item] == 3).Sum(x => anchors.Weights[x.k]), 12);
        Assert.Equal(1, anchors.Weights.Sum(), 12);
        for (int k = 0; k < 10; k++) Assert.Equal(anchors.ClusterOfItem.Count(c => c == k) / 100.0, anchors.Weights[k], 12);
    }

    [Fact]
    public void A_small_stratum_still_gets_one_anchor_and_the_same_seed_gives_the_same_anchors()
    {
        var model = Model(50, new Rng(9));
        int[] strata = [.. Enumerable.Range(0, 50).Select(i => i < 48 ? 0 : 1)];

        var first = StratifiedAnchorSelection.Select(model, 5, strata, new Rng(2));
        var second = StratifiedAnchorSelection.Select(model, 5, strata, new Rng(2));

        Assert.Equal(1, first.Items.Count(i => strata[i] == 1));
        Assert.Equal(5, first.Items.Length);
        Assert.Equal(first.Items, second.Items);
    }
}
