namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Estimates a model's full-set accuracy as a reference's known accuracy plus the model's measured
/// difference from it on the anchors (a difference estimator with the calibration models as control
/// variates). The reference is a mix of the calibration models (whose every answer is known), each
/// weighted by how well it agrees with the new model on the anchors, <c>exp(Sharpness (agree_j - max agree))</c>
/// with agreement the weighted share of anchors answered alike; its per-item answers are <c>r_i</c>.
/// Then <c>estimate = sum_k w_k (mean_(i in cluster k) r_i + y_k - r_(a_k))</c>: each anchor measures
/// only the model's departure from the reference in its cluster, which is small when the reference is
/// close, so the error is far below that of the anchors' raw answers when candidates resemble the
/// calibration models (merges of the same sources do). The standard error reads each anchor's residual
/// as one draw from its cluster: <c>sqrt(sum_k w_k^2 s_k^2)</c>, with <c>s_k^2</c> the calibration
/// models' (reference-weighted) variance of <c>y_i - r_i</c> over the cluster's items.
/// </summary>
public sealed class ReferenceDifferenceEstimator
{
    /// <summary>
    /// How sharply the reference follows the best-agreeing calibration models: a model agreeing on 5 % fewer
    /// (weighted) anchors than the best counts e^-1 as much. Chosen on the cheap-fitness experiment's dumped
    /// answers (experiments/cheap-fitness/analysis): plain averaging (0) was worse on both tasks.
    /// </summary>
    public const double Sharpness = 20;

    readonly double[][] _calibration;
    readonly AnchorSet _anchors;
    readonly int[] _clusterSize;

    public ReferenceDifferenceEstimator(AnchorSet anchors, double[][] calibration)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(calibration);
        if (calibration.Length == 0) throw new ArgumentException("The difference estimator needs at least one calibration model.", nameof(calibration));
        int n = anchors.ClusterOfItem.Length;
        foreach (var row in calibration)
            if (row.Length != n)
                throw new ArgumentException($"A calibration row has {row.Length} scores; the anchors cover {n} items.", nameof(calibration));
        _anchors = anchors;
        _calibration = calibration;
        _clusterSize = new int[anchors.Items.Length];
        foreach (int c in anchors.ClusterOfItem) _clusterSize[c]++;
    }

    public AnchorSet Anchors => _anchors;

    /// <param name="anchorAnswers">Scores on <see cref="AnchorSet.Items"/>, in that order.</param>
    public AccuracyEstimate Estimate(IReadOnlyList<double> anchorAnswers)
    {
        ArgumentNullException.ThrowIfNull(anchorAnswers);
        int k = _anchors.Items.Length, n = _anchors.ClusterOfItem.Length;
        if (anchorAnswers.Count != k)
            throw new ArgumentException($"Got {anchorAnswers.Count} anchor answers for {k} anchors.", nameof(anchorAnswers));

        var mix = ReferenceWeights(anchorAnswers);
        var reference = new double[n];
        for (int j = 0; j < _calibration.Length; j++)
        {
            if (mix[j] == 0) continue;
            for (int i = 0; i < n; i++) reference[i] += mix[j] * _calibration[j][i];
        }

        var clusterReference = new double[k];
        for (int i = 0; i < n; i++) clusterReference[_anchors.ClusterOfItem[i]] += reference[i];
        double value = 0;
        for (int c = 0; c < k; c++)
        {
            int anchor = _anchors.Items[c];
            value += _anchors.Weights[c] * (clusterReference[c] / _clusterSize[c] + anchorAnswers[c] - reference[anchor]);
        }
        return new AccuracyEstimate(Math.Clamp(value, 0, 1), Math.Sqrt(ResidualVariance(mix, reference)));
    }

    double[] ReferenceWeights(IReadOnlyList<double> anchorAnswers)
    {
        var agreement = new double[_calibration.Length];
        for (int j = 0; j < _calibration.Length; j++)
            for (int c = 0; c < anchorAnswers.Count; c++)
                agreement[j] += _anchors.Weights[c] * (1 - Math.Abs(anchorAnswers[c] - _calibration[j][_anchors.Items[c]]));
        double best = agreement.Max(), total = 0;
        var weights = new double[agreement.Length];
        for (int j = 0; j < weights.Length; j++) total += weights[j] = Math.Exp(Sharpness * (agreement[j] - best));
        for (int j = 0; j < weights.Length; j++) weights[j] /= total;
        return weights;
    }

    /// <summary><c>sum_k w_k^2 s_k^2</c>: within each cluster, the reference-weighted variance over calibration models and items of <c>y_i - r_i</c>.</summary>
    double ResidualVariance(double[] mix, double[] reference)
    {
        int k = _anchors.Items.Length;
        var sum = new double[k];
        var squares = new double[k];
        for (int j = 0; j < _calibration.Length; j++)
        {
            if (mix[j] == 0) continue;
            for (int i = 0; i < reference.Length; i++)
            {
                double residual = _calibration[j][i] - reference[i];
                int c = _anchors.ClusterOfItem[i];
                sum[c] += mix[j] * residual;
                squares[c] += mix[j] * residual * residual;
            }
        }
        double variance = 0;
        for (int c = 0; c < k; c++)
        {
            double mean = sum[c] / _clusterSize[c];
            double within = Math.Max(0, squares[c] / _clusterSize[c] - mean * mean);
            variance += _anchors.Weights[c] * _anchors.Weights[c] * within;
        }
        return variance;
    }
}
