namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// Competition for resources: every data point j is a resource whose total z_j = sum_k S_kj is
/// shared by the models that solve it, so a model's fitness f_k = sum_j S_kj / z_j^alpha rewards
/// solving what few others solve. A resource nobody holds (z_j = 0) counts as 1 to avoid 0/0.
/// </summary>
public static class ResourceCompetition
{
    /// <summary>z_j = sum over rows of S_kj.</summary>
    public static void Totals(IReadOnlyList<double[]> scores, Span<double> totals)
    {
        totals.Clear();
        foreach (var row in scores) Accumulate(row, totals);
    }

    /// <summary>Adds one row of scores to running totals.</summary>
    public static void Accumulate(ReadOnlySpan<double> row, Span<double> totals)
    {
        if (row.Length != totals.Length) throw new ArgumentException("Score row and totals differ in length.");
        VectorKernels.AddTo(row, totals);
    }

    /// <summary>The share weight of each resource, 1 / z_j^alpha, with z_j = 0 treated as 1.</summary>
    public static void ShareWeights(ReadOnlySpan<double> totals, double alpha, Span<double> weights)
    {
        if (totals.Length != weights.Length) throw new ArgumentException("Totals and weights differ in length.");
        for (int j = 0; j < totals.Length; j++)
        {
            double z = totals[j] == 0 ? 1 : totals[j];
            // alpha 0 and 1 are the common cases; skipping Math.Pow keeps them exact and fast.
            weights[j] = alpha == 0 ? 1 : alpha == 1 ? 1 / z : Math.Pow(z, -alpha);
        }
    }

    /// <summary>f_k = sum_j S_kj w_j for each row.</summary>
    public static void Fitness(IReadOnlyList<double[]> scores, ReadOnlySpan<double> weights, Span<double> fitness)
    {
        if (scores.Count != fitness.Length) throw new ArgumentException("One fitness value per score row is needed.");
        for (int k = 0; k < scores.Count; k++) fitness[k] = WeightedSum(scores[k], weights);
    }

    public static double WeightedSum(ReadOnlySpan<double> row, ReadOnlySpan<double> weights)
    {
        if (row.Length != weights.Length) throw new ArgumentException("Score row and weights differ in length.");
        return VectorKernels.Dot(row, weights);
    }
}
