using EvoMerge.Core.Randomness;

namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii 2007), drawn from the caller's
/// generator so the clustering is reproducible under the run seed.
/// </summary>
public static class KMeans
{
    /// <summary>Cluster index of each point; clusters are numbered 0..k-1 and none is empty.</summary>
    public static int[] Cluster(double[][] points, int k, Rng rng, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(rng);
        int n = points.Length;
        if (k < 1 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"Cannot form {k} clusters from {n} points.");
        int dims = points[0].Length;

        var centroids = SeedPlusPlus(points, k, rng);
        var assignment = new int[n];
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            bool changed = iteration == 0;
            for (int p = 0; p < n; p++)
            {
                int nearest = Nearest(points[p], centroids);
                if (nearest != assignment[p]) { assignment[p] = nearest; changed = true; }
            }
            var sums = new double[k][];
            var counts = new int[k];
            for (int c = 0; c < k; c++) sums[c] = new double[dims];
            for (int p = 0; p < n; p++)
            {
                counts[assignment[p]]++;
                for (int d = 0; d < dims; d++) sums[assignment[p]][d] += points[p][d];
            }
            var moved = new bool[n];
            for (int c = 0; c < k; c++)
            {
                if (counts[c] > 0) continue;
                // An emptied cluster takes the point farthest from its own centroid, from a cluster that keeps
                // another member and not already moved: with duplicate points (items nobody answers) several
                // clusters empty at once and must not all take the same point.
                int farthest = Enumerable.Range(0, n).Where(p => !moved[p] && counts[assignment[p]] > 1)
                    .MaxBy(p => Distance2(points[p], centroids[assignment[p]]));
                int from = assignment[farthest];
                counts[from]--;
                for (int d = 0; d < dims; d++) { sums[from][d] -= points[farthest][d]; sums[c][d] = points[farthest][d]; }
                assignment[farthest] = c;
                counts[c] = 1;
                moved[farthest] = true;
                changed = true;
            }
            for (int c = 0; c < k; c++)
                for (int d = 0; d < dims; d++) centroids[c][d] = sums[c][d] / counts[c];
            if (!changed) break;
        }
        return assignment;
    }

    static double[][] SeedPlusPlus(double[][] points, int k, Rng rng)
    {
        var centroids = new List<double[]> { (double[])points[rng.NextInt(points.Length)].Clone() };
        var distances = new double[points.Length];
        while (centroids.Count < k)
        {
            for (int p = 0; p < points.Length; p++) distances[p] = Distance2(points[p], centroids[Nearest(points[p], centroids)]);
            centroids.Add((double[])points[rng.NextWeightedIndex(distances)].Clone());
        }
        return [.. centroids];
    }

    static int Nearest(double[] point, IReadOnlyList<double[]> centroids)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int c = 0; c < centroids.Count; c++)
        {
            double d = Distance2(point, centroids[c]);
            if (d < bestDistance) { bestDistance = d; best = c; }
        }
        return best;
    }

    internal static double Distance2(double[] x, double[] y)
    {
        double total = 0;
        for (int d = 0; d < x.Length; d++) total += (x[d] - y[d]) * (x[d] - y[d]);
        return total;
    }
}
