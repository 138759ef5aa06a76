using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Anchors by clustering the items' calibration answers (tinyBenchmarks' "correctness" anchors, Maia
/// Polo et al. 2024): item <c>i</c> is the vector of the calibration models' scores on it, k-means
/// groups items that the same models get right, the item nearest each centroid is that cluster's
/// anchor and its weight the cluster's share of items. Unlike the 2PL parameters, the answer vectors
/// keep every skill apart (digits 0-4 against 5-9), whatever the number of abilities they need.
/// </summary>
public static class ResponseAnchorSelection
{
    /// <param name="calibration">Rows: calibration models; columns: items (all rows the same length).</param>
    public static AnchorSet Select(double[][] calibration, int anchors, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(rng);
        if (calibration.Length == 0) throw new ArgumentException("Response anchors need at least one calibration model.", nameof(calibration));
        int n = calibration[0].Length;
        if (calibration.Any(row => row.Length != n)) throw new ArgumentException("Every calibration model needs one score per item.", nameof(calibration));
        if (anchors < 1) throw new ArgumentOutOfRangeException(nameof(anchors), "fitness.anchors must be at least 1.");
        if (anchors >= n)
        {
            var everything = Enumerable.Range(0, n).ToArray();
            return new AnchorSet(everything, [.. everything.Select(_ => 1.0 / n)], everything);
        }
        double[][] columns = [.. Enumerable.Range(0, n).Select(i => calibration.Select(row => row[i]).ToArray())];
        return AnchorSelection.FromClusters(columns, KMeans.Cluster(columns, anchors, rng), anchors);
    }
}
