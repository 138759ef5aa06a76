using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Anchors chosen within strata (e.g. the label of each example): each stratum gets a share of the
/// anchors proportional to its size (largest remainders, at least one each), and within a stratum
/// the anchors are chosen as <see cref="AnchorSelection"/> does (k-means on the items' discrimination
/// and clipped difficulty, the item nearest each centroid, weighted by its cluster's share of all
/// items). A one-ability 2PL cannot tell apart items that different skills solve (digits 0-4 and 5-9
/// for two experts); the strata keep every skill's items in the anchor set in proportion.
/// </summary>
public static class StratifiedAnchorSelection
{
    public static AnchorSet Select(IrtModel model, int anchors, IReadOnlyList<int> strata, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(strata);
        ArgumentNullException.ThrowIfNull(rng);
        int n = model.ItemCount;
        if (strata.Count != n) throw new ArgumentException($"Got {strata.Count} strata for {n} items; give one per item.", nameof(strata));
        if (anchors < 1) throw new ArgumentOutOfRangeException(nameof(anchors), "fitness.anchors must be at least 1.");
        var groups = Enumerable.Range(0, n).GroupBy(i => strata[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        if (anchors < groups.Length || anchors >= n) return AnchorSelection.Select(model, anchors, rng);

        var shares = Allocate(anchors, groups.Select(g => g.Length).ToArray());
        var chosen = new List<(int Item, double Weight, int[] Members)>();
        for (int s = 0; s < groups.Length; s++)
        {
            var members = groups[s];
            int k = shares[s];
            if (k >= members.Length)
            {
                chosen.AddRange(members.Select(i => (i, 1.0 / n, new[] { i })));
                continue;
            }
            var features = Standardized([.. members.Select(i => new[] { model.Items[i].A, Math.Clamp(model.Items[i].B, -5, 5) })]);
            var cluster = KMeans.Cluster(features, k, rng);
            for (int c = 0; c < k; c++)
            {
                var inCluster = Enumerable.Range(0, members.Length).Where(m => cluster[m] == c).ToArray();
                var centroid = new double[2];
                foreach (int m in inCluster) { centroid[0] += features[m][0] / inCluster.Length; centroid[1] += features[m][1] / inCluster.Length; }
                int nearest = inCluster.MinBy(m => KMeans.Distance2(features[m], centroid));
                chosen.Add((members[nearest], (double)inCluster.Length / n, [.. inCluster.Select(m => members[m])]));
            }
        }
        chosen.Sort((x, y) => x.Item.CompareTo(y.Item));
        var clusterOfItem = new int[n];
        for (int k = 0; k < chosen.Count; k++)
            foreach (int i in chosen[k].Members) clusterOfItem[i] = k;
        return new AnchorSet([.. chosen.Select(c => c.Item)], [.. chosen.Select(c => c.Weight)], clusterOfItem);
    }

    /// <summary>Anchors per stratum: proportional to size by largest remainders, each stratum at least one.</summary>
    static int[] Allocate(int anchors, int[] sizes)
    {
        int n = sizes.Sum();
        var exact = sizes.Select(s => (double)anchors * s / n).ToArray();
        var shares = exact.Select(e => Math.Max(1, (int)Math.Floor(e))).ToArray();
        // Hand out what is left by largest remainder; take back from the largest shares if the minimum of one overshot.
        foreach (int s in Enumerable.Range(0, sizes.Length).OrderByDescending(s => exact[s] - Math.Floor(exact[s])).ThenBy(s => s))
        {
            if (shares.Sum() >= anchors) break;
            shares[s]++;
        }
        while (shares.Sum() > anchors)
        {
            int largest = Enumerable.Range(0, sizes.Length).Where(s => shares[s] > 1).MaxBy(s => shares[s]);
            shares[largest]--;
        }
        return shares;
    }

    static double[][] Standardized(double[][] rows)
    {
        var result = rows.Select(r => (double[])r.Clone()).ToArray();
        for (int d = 0; d < 2; d++)
        {
            double mean = rows.Average(r => r[d]);
            double sd = Math.Sqrt(rows.Average(r => (r[d] - mean) * (r[d] - mean)));
            if (!(sd > 1e-12)) sd = 1;
            foreach (var r in result) r[d] = (r[d] - mean) / sd;
        }
        return result;
    }
}
