namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Anchors drawn for one model with known inclusion probabilities around a reference answer vector
/// (<see cref="ReferenceSampling"/>). <see cref="Estimate"/> is the difference (Horvitz-Thompson) estimator
/// <c>mean(r) + (1/N) sum_(i in Items) (y_i - r_i) / pi_i</c>: unbiased over the draw whatever the reference is,
/// and precise when the reference is close to the model's answers.
/// </summary>
/// <param name="Reference">The reference's score <c>r_i</c> on every example.</param>
/// <param name="Items">The anchors: distinct example indices, ascending.</param>
/// <param name="Inclusion">Per anchor (same order), its probability <c>pi_i</c> of having been drawn.</param>
public sealed record ReferenceSample(double[] Reference, int[] Items, double[] Inclusion)
{
    /// <param name="anchorAnswers">The model's scores on <see cref="Items"/>, in that order.</param>
    public AccuracyEstimate Estimate(IReadOnlyList<double> anchorAnswers)
    {
        ArgumentNullException.ThrowIfNull(anchorAnswers);
        if (anchorAnswers.Count != Items.Length)
            throw new ArgumentException($"Got {anchorAnswers.Count} anchor answers for {Items.Length} anchors.", nameof(anchorAnswers));
        int n = Reference.Length;
        double total = Reference.Sum();
        // Anchors drawn for certain carry no sampling error; the others are read as draws with replacement of
        // probability pi_i / m (the usual conservative variance for systematic sampling).
        var expanded = new List<double>();
        for (int a = 0; a < Items.Length; a++)
        {
            double residual = anchorAnswers[a] - Reference[Items[a]];
            total += residual / Inclusion[a];
            if (Inclusion[a] < 1) expanded.Add(residual / Inclusion[a]);
        }
        return new AccuracyEstimate(Math.Clamp(total / n, 0, 1), StandardError(expanded) / n);
    }

    /// <summary>
    /// Standard error of <c>sum_a z_a</c>, <c>z_a = d_a / pi_a</c>, over the <c>m</c> uncertain anchors, whose
    /// inclusion probabilities sum to <c>m</c> over all their candidates: Hansen-Hurwitz with draw probability
    /// <c>pi / m</c>, i.e. <c>sqrt(m / (m - 1) sum_a (z_a - mean z)^2)</c>.
    /// </summary>
    static double StandardError(List<double> expanded)
    {
        int m = expanded.Count;
        if (m == 0) return 0;
        // One uncertain anchor leaves no spread to measure: bound its error by its own size.
        if (m == 1) return Math.Abs(expanded[0]);
        double mean = expanded.Average(), squares = 0;
        foreach (double z in expanded) squares += (z - mean) * (z - mean);
        return Math.Sqrt(squares * m / (m - 1.0));
    }
}
