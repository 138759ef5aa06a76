using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Chooses anchor examples as tinyBenchmarks does (Maia Polo et al. 2024, "IRT" anchors): k-means
/// on the items' IRT parameters, the item nearest each centroid is that cluster's anchor, and its
/// weight is the cluster's share of all items. Features are the discrimination <c>a</c> and the
/// difficulty <c>b</c> (clipped to [-5, 5] so a few near-flat items cannot dominate), each scaled to
/// unit variance.
/// </summary>
public static class AnchorSelection
{
    public static AnchorSet Select(IrtModel model, int anchors, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        int n = model.ItemCount;
        if (anchors < 1) throw new ArgumentOutOfRangeException(nameof(anchors), "fitness.anchors must be at least 1.");
        if (anchors >= n)
        {
            var everything = Enumerable.Range(0, n).ToArray();
            return new AnchorSet(everything, [.. everything.Select(_ => 1.0 / n)], everything);
        }

        var features = Standardized(model.Items.Select(item => new[] { item.A, Math.Clamp(item.B, -5, 5) }).ToArray());
        return FromClusters(features, KMeans.Cluster(features, anchors, rng), anchors);
    }

    /// <summary>Each cluster's anchor is the item nearest its centroid, weighted by the cluster's share of all items.</summary>
    internal static AnchorSet FromClusters(double[][] features, int[] cluster, int anchors)
    {
        int n = features.Length, dims = features[0].Length;
        var centroids = new double[anchors][];
        var sizes = new int[anchors];
        for (int c = 0; c < anchors; c++) centroids[c] = new double[dims];
        for (int i = 0; i < n; i++)
        {
            sizes[cluster[i]]++;
            for (int d = 0; d < dims; d++) centroids[cluster[i]][d] += features[i][d];
        }
        var chosen = new (int Item, double Weight)[anchors];
        for (int c = 0; c < anchors; c++)
        {
            for (int d = 0; d < dims; d++) centroids[c][d] /= sizes[c];
            int nearest = -1;
            double best = double.PositiveInfinity;
            for (int i = 0; i < n; i++)
            {
                if (cluster[i] != c) continue;
                double distance = KMeans.Distance2(features[i], centroids[c]);
                if (distance < best) { best = distance; nearest = i; }
            }
            chosen[c] = (nearest, (double)sizes[c] / n);
        }
        Array.Sort(chosen, (x, y) => x.Item.CompareTo(y.Item));
        // Re-number clusters in anchor order so ClusterOfItem[i] indexes Items and Weights.
        var renumber = new int[anchors];
        for (int k = 0; k < anchors; k++) renumber[cluster[chosen[k].Item]] = k;
        return new AnchorSet([.. chosen.Select(c => c.Item)], [.. chosen.Select(c => c.Weight)], [.. cluster.Select(c => renumber[c])]);
    }

    static double[][] Standardized(double[][] rows)
    {
        int dims = rows[0].Length;
        var result = rows.Select(r => (double[])r.Clone()).ToArray();
        for (int d = 0; d < dims; d++)
        {
            double mean = rows.Average(r => r[d]);
            double sd = Math.Sqrt(rows.Average(r => (r[d] - mean) * (r[d] - mean)));
            if (!(sd > 1e-12)) sd = 1;
            foreach (var r in result) r[d] = (r[d] - mean) / sd;
        }
        return result;
    }
}
