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
}
