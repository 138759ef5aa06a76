namespace EvoMerge.Dashboard.Analysis;

/// <summary>
/// How much each gene matters to an objective: permutation importance on a random-forest surrogate.
/// A forest of regression trees is fit to (genes, objective) on bootstrap samples; for each tree, the
/// values of one gene are shuffled among the trials that tree did not see (out-of-bag) and the rise in
/// squared error is recorded. Importances are the mean rises, scaled to sum to 1 (negative ones count
/// as 0). Deterministic for a seed.
/// </summary>
public static class GeneImportance
{
    public const string Method =
        "permutation importance on a random-forest surrogate (out-of-bag rise in squared error when one gene is shuffled)";

    /// <summary>Trials beyond this are subsampled (seeded) to keep a refresh well under a second.</summary>
    public const int MaxRows = 2000;

    public const int Trees = 40;

    /// <summary>Importance per gene, or null when there are too few trials or the objective never varies.</summary>
    public static double[]? Compute(IReadOnlyList<IReadOnlyList<double>> genes, IReadOnlyList<double> objective, int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(genes);
        ArgumentNullException.ThrowIfNull(objective);
        if (genes.Count != objective.Count) throw new ArgumentException("One objective value per gene vector is needed.", nameof(objective));
        var random = new Random(seed);
        var usable = Enumerable.Range(0, genes.Count).Where(i => double.IsFinite(objective[i])).ToArray();
        if (usable.Length > MaxRows)
        {
            random.Shuffle(usable);
            usable = usable[..MaxRows];
        }

        if (usable.Length < 8 || genes[0].Count == 0) return null;
        double[][] x = usable.Select(i => genes[i].ToArray()).ToArray();
        double[] y = usable.Select(i => objective[i]).ToArray();
        if (y.Max() - y.Min() <= 0) return null;

        int features = x[0].Length;
        var settings = new TreeSettings(MaxDepth: 10, MinLeaf: 3, FeaturesPerSplit: Math.Max(1, (features + 2) / 3));
        var rise = new double[features];
        int scored = 0;
        for (int t = 0; t < Trees; t++)
        {
            var (bag, outOfBag) = Bootstrap(x.Length, random);
            if (outOfBag.Length < 2) continue;
            var tree = RegressionTree.Grow(x, y, bag, settings, random);
            double baseline = SquaredError(tree, x, y, outOfBag, -1, null);
            for (int f = 0; f < features; f++)
            {
                var shuffled = outOfBag.Select(r => x[r][f]).ToArray();
                random.Shuffle(shuffled);
                rise[f] += SquaredError(tree, x, y, outOfBag, f, shuffled) - baseline;
            }

            scored++;
        }

        if (scored == 0) return null;
        var positive = rise.Select(r => Math.Max(0, r / scored)).ToArray();
        double total = positive.Sum();
        return total > 0 ? positive.Select(p => p / total).ToArray() : positive;
    }

    private static (int[] Bag, int[] OutOfBag) Bootstrap(int n, Random random)
    {
        var bag = new int[n];
        var seen = new bool[n];
        for (int i = 0; i < n; i++)
        {
            bag[i] = random.Next(n);
            seen[bag[i]] = true;
        }

        return (bag, Enumerable.Range(0, n).Where(i => !seen[i]).ToArray());
    }

    private static double SquaredError(RegressionTree tree, double[][] x, double[] y, int[] rows, int feature, double[]? replacement)
    {
        double sum = 0;
        var buffer = new double[x[0].Length];
        for (int k = 0; k < rows.Length; k++)
        {
            x[rows[k]].CopyTo(buffer, 0);
            if (replacement is not null) buffer[feature] = replacement[k];
            double error = tree.Predict(buffer) - y[rows[k]];
            sum += error * error;
        }

        return sum / rows.Length;
    }
}
