namespace EvoMerge.Dashboard.Analysis;

/// <summary>
/// A CART regression tree (squared error) grown on given rows, trying a random subset of features at
/// each split as random forests do. Nodes are kept in flat arrays: a leaf has feature -1.
/// </summary>
internal sealed class RegressionTree
{
    private readonly List<int> _feature = [];
    private readonly List<double> _threshold = [];
    private readonly List<int> _left = [];
    private readonly List<int> _right = [];
    private readonly List<double> _value = [];

    private RegressionTree()
    {
    }

    public static RegressionTree Grow(double[][] x, double[] y, int[] rows, TreeSettings settings, Random random)
    {
        var tree = new RegressionTree();
        tree.Split(x, y, rows, 0, settings, random);
        return tree;
    }

    public double Predict(ReadOnlySpan<double> features)
    {
        int node = 0;
        while (_feature[node] >= 0)
        {
            node = features[_feature[node]] <= _threshold[node] ? _left[node] : _right[node];
        }

        return _value[node];
    }

    private int Split(double[][] x, double[] y, int[] rows, int depth, TreeSettings settings, Random random)
    {
        int node = NewLeaf(rows.Average(r => y[r]));
        if (depth >= settings.MaxDepth || rows.Length < 2 * settings.MinLeaf)
        {
            return node;
        }

        var best = BestSplit(x, y, rows, settings, random);
        if (best is not { } split)
        {
            return node;
        }

        var left = rows.Where(r => x[r][split.Feature] <= split.Threshold).ToArray();
        var right = rows.Where(r => x[r][split.Feature] > split.Threshold).ToArray();
        _feature[node] = split.Feature;
        _threshold[node] = split.Threshold;
        _left[node] = Split(x, y, left, depth + 1, settings, random);
        _right[node] = Split(x, y, right, depth + 1, settings, random);
        return node;
    }

    private int NewLeaf(double value)
    {
        _feature.Add(-1);
        _threshold.Add(0);
        _left.Add(-1);
        _right.Add(-1);
        _value.Add(value);
        return _value.Count - 1;
    }

    /// <summary>The split with the largest drop in summed squared error, over a random feature subset.</summary>
    private static (int Feature, double Threshold)? BestSplit(double[][] x, double[] y, int[] rows, TreeSettings settings, Random random)
    {
        int features = x[0].Length;
        int tries = Math.Clamp(settings.FeaturesPerSplit, 1, features);
        var candidates = Enumerable.Range(0, features).ToArray();
        random.Shuffle(candidates);
        double totalSum = rows.Sum(r => y[r]);
        double bestGain = 1e-12;
        (int, double)? best = null;
        var order = new int[rows.Length];
        foreach (int f in candidates.AsSpan(0, tries))
        {
            rows.CopyTo(order, 0);
            Array.Sort(order, (a, b) => x[a][f].CompareTo(x[b][f]));
            double leftSum = 0;
            for (int i = 0; i < order.Length - 1; i++)
            {
                leftSum += y[order[i]];
                int nLeft = i + 1;
                int nRight = order.Length - nLeft;
                double here = x[order[i]][f];
                double next = x[order[i + 1]][f];
                if (nLeft < settings.MinLeaf || nRight < settings.MinLeaf || here == next)
                {
                    continue;
                }

                // Maximizing this equals minimizing the children's squared error.
                double rightSum = totalSum - leftSum;
                double gain = leftSum * leftSum / nLeft + rightSum * rightSum / nRight - totalSum * totalSum / order.Length;
                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = (f, (here + next) / 2);
                }
            }
        }

        return best;
    }
}

internal sealed record TreeSettings(int MaxDepth, int MinLeaf, int FeaturesPerSplit);
