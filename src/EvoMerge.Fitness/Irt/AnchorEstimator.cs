namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Estimates a new model's mean score over all <c>N</c> items from its answers on the anchors
/// (tinyBenchmarks, Maia Polo et al. 2024; used for merging by MERGE3, Mencattini et al. 2025):
/// <list type="bullet">
/// <item>weighted anchor: <c>sum_k w_k y_k</c>;</item>
/// <item>p-IRT: fit the ability <c>theta</c> (MAP, N(0, 1) prior) to the anchor answers, then
/// <c>(sum_(i in A) y_i + sum_(i not in A) P_i(theta)) / N</c>;</item>
/// <item>gp-IRT: <c>lambda * weighted + (1 - lambda) * p-IRT</c> with
/// <c>lambda = bias^2 / (bias^2 + var_weighted)</c>, where <c>bias^2</c> is p-IRT's cross-validated mean
/// squared error on the calibration models and <c>var_weighted</c> the weighted estimate's variance.</item>
/// </list>
/// Standard errors: weighted, <c>sqrt(sum_k w_k^2 m_k (1 - m_k))</c> with <c>m_k</c> the cluster's
/// mean predicted probability (each anchor read as one draw from its cluster); p-IRT, the delta
/// method on the ability's Fisher information plus the binomial variance of the unseen items;
/// gp-IRT, the two combined as independent.
/// </summary>
public sealed class AnchorEstimator
{
    readonly IrtModel _model;
    readonly AnchorSet _anchors;
    readonly double[] _slope, _intercept;
    readonly bool[] _isAnchor;

    /// <param name="calibration">The responses the model was fitted on (rows: models); they set p-IRT's bias for gp-IRT.</param>
    /// <param name="options">The fit options the model was made with (used again for the cross-validated bias).</param>
    public AnchorEstimator(IrtModel model, AnchorSet anchors, double[][] calibration, IrtFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(calibration);
        _model = model;
        _anchors = anchors;
        _slope = [.. model.Items.Select(i => i.A)];
        _intercept = [.. model.Items.Select(i => -i.A * i.B)];
        _isAnchor = new bool[model.ItemCount];
        foreach (int i in anchors.Items) _isAnchor[i] = true;

        foreach (var row in calibration)
            if (row.Length != model.ItemCount)
                throw new ArgumentException($"A calibration row has {row.Length} scores; the model has {model.ItemCount} items.", nameof(calibration));
        PIrtSquaredBias = CrossValidatedSquaredError(calibration, options ?? IrtFitOptions.Default);
    }

    /// <summary>
    /// Mean squared error of p-IRT on calibration models it was not fitted on: K-fold (K = min(5, models),
    /// model j in fold j mod K), each fold's models estimated from their anchor answers with items fitted on
    /// the other folds. An in-sample error would be optimistic and hand gp-IRT to p-IRT exactly where the
    /// model does not fit. With fewer than 4 models no fold can be held out and the in-sample error is used.
    /// </summary>
    public double PIrtSquaredBias { get; }

    double CrossValidatedSquaredError(double[][] calibration, IrtFitOptions options)
    {
        if (calibration.Length == 0) return 0;
        int folds = Math.Min(5, calibration.Length);
        double squaredError = 0;
        if (calibration.Length < 4)
        {
            foreach (var row in calibration) squaredError += Square(PIrt(AnchorAnswers(row), _slope, _intercept, out _).Value - row.Average());
            return squaredError / calibration.Length;
        }
        for (int fold = 0; fold < folds; fold++)
        {
            var training = calibration.Where((_, j) => j % folds != fold).ToArray();
            var fitted = IrtFitter.Fit(training, options);
            double[] slope = [.. fitted.Items.Select(i => i.A)];
            double[] intercept = [.. fitted.Items.Select(i => -i.A * i.B)];
            for (int j = fold; j < calibration.Length; j += folds)
                squaredError += Square(PIrt(AnchorAnswers(calibration[j]), slope, intercept, out _).Value - calibration[j].Average());
        }
        return squaredError / calibration.Length;
    }

    double[] AnchorAnswers(double[] row) => [.. _anchors.Items.Select(i => row[i])];

    static double Square(double x) => x * x;

    public AnchorSet Anchors => _anchors;

    /// <param name="anchorAnswers">Scores on <see cref="AnchorSet.Items"/>, in that order.</param>
    public AnchorEstimates Estimate(IReadOnlyList<double> anchorAnswers)
    {
        ArgumentNullException.ThrowIfNull(anchorAnswers);
        if (anchorAnswers.Count != _anchors.Items.Length)
            throw new ArgumentException($"Got {anchorAnswers.Count} anchor answers for {_anchors.Items.Length} anchors.", nameof(anchorAnswers));

        var pIrt = PIrt(anchorAnswers, _slope, _intercept, out double theta);
        var weighted = Weighted(anchorAnswers, theta);
        double variance = weighted.StandardError * weighted.StandardError;
        double denominator = PIrtSquaredBias + variance;
        double lambda = denominator > 0 ? PIrtSquaredBias / denominator : 0.5;
        var gp = new AccuracyEstimate(
            lambda * weighted.Value + (1 - lambda) * pIrt.Value,
            Math.Sqrt(lambda * lambda * variance + (1 - lambda) * (1 - lambda) * pIrt.StandardError * pIrt.StandardError));
        return new AnchorEstimates(weighted, pIrt, gp, theta, lambda);
    }

    AccuracyEstimate Weighted(IReadOnlyList<double> answers, double theta)
    {
        int k = _anchors.Items.Length;
        var clusterMean = new double[k];
        var clusterSize = new int[k];
        for (int i = 0; i < _model.ItemCount; i++)
        {
            int c = _anchors.ClusterOfItem[i];
            clusterMean[c] += TwoParameterLogistic.Sigmoid(_slope[i] * theta + _intercept[i]);
            clusterSize[c]++;
        }
        double value = 0, variance = 0;
        for (int c = 0; c < k; c++)
        {
            value += _anchors.Weights[c] * answers[c];
            double m = clusterSize[c] > 0 ? clusterMean[c] / clusterSize[c] : 0.5;
            variance += _anchors.Weights[c] * _anchors.Weights[c] * m * (1 - m);
        }
        return new AccuracyEstimate(value, Math.Sqrt(variance));
    }

    AccuracyEstimate PIrt(IReadOnlyList<double> answers, double[] slope, double[] intercept, out double theta)
    {
        theta = IrtFitter.NewtonAbility(answers, slope, intercept, 0, _anchors.Items);
        double information = 1;
        foreach (int i in _anchors.Items)
        {
            double p = TwoParameterLogistic.Sigmoid(slope[i] * theta + intercept[i]);
            information += slope[i] * slope[i] * p * (1 - p);
        }
        int n = _model.ItemCount;
        double total = answers.Sum(), derivative = 0, binomial = 0;
        for (int i = 0; i < n; i++)
        {
            if (_isAnchor[i]) continue;
            double p = TwoParameterLogistic.Sigmoid(slope[i] * theta + intercept[i]);
            total += p;
            derivative += slope[i] * p * (1 - p);
            binomial += p * (1 - p);
        }
        double variance = (derivative * derivative / information + binomial) / ((double)n * n);
        return new AccuracyEstimate(total / n, Math.Sqrt(variance));
    }
}
