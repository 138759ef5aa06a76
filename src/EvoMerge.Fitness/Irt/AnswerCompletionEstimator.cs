namespace EvoMerge.Fitness.Irt;

/// <summary>
/// Estimates a model's full-set accuracy by completing its answer vector. Merges of the same sources answer
/// close to mixes of each other, so the model's unseen answers are predicted as the convex mix of the
/// calibration models' answers that best matches its anchor answers:
/// <c>beta = argmin_(beta in simplex) sum_(a in anchors) (y_a - sum_j beta_j C_(j,a))^2</c>,
/// <c>estimate = (sum_(a in anchors) y_a + sum_(i not an anchor) sum_j beta_j C_(j,i)) / n</c>
/// (<see cref="SimplexLeastSquares"/>; a convex mix of 0-1 scores needs no clipping). The standard error is
/// the root mean square of the leave-one-calibration-model-out errors: each calibration model in turn is
/// estimated from its anchor answers by the others and compared with its known accuracy.
/// It assumes the candidates lie among the calibration models; one better than all of them is
/// under-estimated, since a mix cannot extrapolate (docs/algorithms.md, "Cheap fitness").
/// </summary>
public sealed class AnswerCompletionEstimator
{
    readonly double[][] _calibration;
    readonly int[] _anchors;
    readonly int _examples;
    readonly double[] _unseenSums;
    readonly SimplexLeastSquares _fit;

    /// <param name="anchors">Anchor examples: distinct indices into the calibration rows.</param>
    /// <param name="calibration">Per calibration model, its score on every example.</param>
    public AnswerCompletionEstimator(int[] anchors, double[][] calibration)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        ArgumentNullException.ThrowIfNull(calibration);
        if (calibration.Length == 0) throw new ArgumentException("The completion estimator needs at least one calibration model.", nameof(calibration));
        int n = calibration[0].Length;
        foreach (var row in calibration)
            if (row.Length != n)
                throw new ArgumentException($"A calibration row has {row.Length} scores; the first has {n}.", nameof(calibration));
        if (anchors.Length == 0 || anchors.Any(a => a < 0 || a >= n) || anchors.Distinct().Count() != anchors.Length)
            throw new ArgumentException($"The anchors must be distinct example indices in [0, {n}).", nameof(anchors));
        _calibration = calibration;
        _anchors = anchors;
        _examples = n;
        var isAnchor = new bool[n];
        foreach (int a in anchors) isAnchor[a] = true;
        _unseenSums = [.. calibration.Select(row => row.Where((_, i) => !isAnchor[i]).Sum())];
        _fit = new SimplexLeastSquares(AnchorColumns(calibration));
        StandardError = LeaveOneOutError();
    }

    public int[] Anchors => _anchors;

    /// <summary>Root mean square of the leave-one-calibration-model-out errors (the same for every estimate).</summary>
    public double StandardError { get; }

    /// <param name="anchorAnswers">Scores on <see cref="Anchors"/>, in that order.</param>
    public AccuracyEstimate Estimate(IReadOnlyList<double> anchorAnswers)
    {
        ArgumentNullException.ThrowIfNull(anchorAnswers);
        if (anchorAnswers.Count != _anchors.Length)
            throw new ArgumentException($"Got {anchorAnswers.Count} anchor answers for {_anchors.Length} anchors.", nameof(anchorAnswers));
        return new AccuracyEstimate(Complete(_fit, _unseenSums, anchorAnswers), StandardError);
    }

    /// <param name="unseenSums">Per model of the fit, the sum of its scores off the anchors.</param>
    double Complete(SimplexLeastSquares fit, double[] unseenSums, IReadOnlyList<double> anchorAnswers)
    {
        var beta = fit.Fit(anchorAnswers);
        double total = anchorAnswers.Sum();
        for (int j = 0; j < beta.Length; j++) total += beta[j] * unseenSums[j];
        return total / _examples;
    }

    double LeaveOneOutError()
    {
        // One model leaves nothing to cross-validate with: report the widest error an accuracy in [0, 1] can have.
        if (_calibration.Length < 2) return 0.5;
        double squares = 0;
        for (int left = 0; left < _calibration.Length; left++)
        {
            double[][] others = [.. _calibration.Where((_, j) => j != left)];
            double[] unseen = [.. _unseenSums.Where((_, j) => j != left)];
            var estimate = Complete(new SimplexLeastSquares(AnchorColumns(others)), unseen, [.. _anchors.Select(a => _calibration[left][a])]);
            double error = estimate - _calibration[left].Average();
            squares += error * error;
        }
        return Math.Sqrt(squares / _calibration.Length);
    }

    double[][] AnchorColumns(double[][] models) => [.. models.Select(row => _anchors.Select(a => row[a]).ToArray())];
}
