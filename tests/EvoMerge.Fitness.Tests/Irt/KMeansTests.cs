using EvoMerge.Core.Randomness;
using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

public class KMeansTests
{
    [Fact]
    public void Finds_well_separated_clusters()
    {
        var rng = new Rng(1);
        var centres = new[] { (0.0, 0.0), (10.0, 0.0), (0.0, 10.0) };
        var points = Enumerable.Range(0, 90).Select(i => new[] { centres[i % 3].Item1 + rng.NextGaussian() * 0.3, centres[i % 3].Item2 + rng.NextGaussian() * 0.3 }).ToArray();
        var cluster = KMeans.Cluster(points, 3, new Rng(2));
        for (int i = 3; i < 90; i++) Assert.Equal(cluster[i % 3], cluster[i]);
        Assert.Equal(3, cluster.Distinct().Count());
    }

    [Fact]
    public void Duplicate_points_still_give_k_non_empty_clusters()
    {
        // Items nobody answers all get the same parameters: most points coincide, so k-means++ seeds
        // duplicate centroids whose clusters empty together.
        var points = Enumerable.Range(0, 40).Select(i => i < 34 ? new[] { 1.0, -3.0 } : new[] { 0.1 * i, 2.0 }).ToArray();

        var cluster = KMeans.Cluster(points, 12, new Rng(3));

        Assert.Equal(Enumerable.Range(0, 12), cluster.Distinct().Order());
    }

    [Fact]
    public void Anchors_of_items_with_identical_parameters_are_distinct_items()
    {
        var items = Enumerable.Range(0, 30).Select(i => i < 25 ? new ItemParameters(1, 4) : new ItemParameters(1 + 0.1 * i, -1)).ToArray();
        var model = new IrtModel(items, [0, 1], 1, 0);

        var anchors = AnchorSelection.Select(model, 10, new Rng(4));

        Assert.Equal(10, anchors.Items.Distinct().Count());
        Assert.Equal(1, anchors.Weights.Sum(), 12);
    }
}
