namespace EvoMerge.Optimizers.Cma;

public sealed partial class CmaEs
{
    readonly double[] _vectors;        // (lambda + 1) x n: pc, then the ranked steps
    readonly double[] _vectorWeights;  // learning-rate-scaled weights of those rows
    double[] _weightedZ = [];
    double[] _weightedY = [];
    double[] _whitenedStep = [];
    double[] _sortedValues = [];

    /// <summary>The CMA-ES update once every candidate of the generation was told (tutorial, Fig. 6).</summary>
    void CompleteGeneration()
    {
        _pending = false;
        _completedGenerations++;
        var order = _generation.Ranking();
        int successes = _generation.Failed.Count(f => !f);
        if (successes == 0)
        {
            _allFailedStreak++;
            return;
        }
        _allFailedStreak = 0;
        RecordHistory(order);

        int n = _n;
        var w = _p.Weights.Values;
        EnsureScratch(ref _weightedZ, n);
        EnsureScratch(ref _weightedY, n);
        EnsureScratch(ref _whitenedStep, n);
        Array.Clear(_weightedZ);
        Array.Clear(_weightedY);
        for (int r = 0; r < _p.Mu; r++)
        {
            CmaKernels.AddScaled(_weightedZ, w[r], _generation.Row(_generation.Z, order[r]));
            CmaKernels.AddScaled(_weightedY, w[r], _generation.Row(_generation.Y, order[r]));
        }
        for (int i = 0; i < n; i++) _mean[i] += _sigma * _weightedY[i];

        // Step-size path: C^(-1/2) of the mean shift, with the decomposition the samples used.
        _covariance.InverseSqrtOfTransformed(_weightedZ, _whitenedStep);
        double cs = _p.Cs;
        double psFactor = Math.Sqrt(cs * (2 - cs) * _p.MuEff);
        double psSquared = 0;
        for (int i = 0; i < n; i++)
        {
            _ps[i] = (1 - cs) * _ps[i] + psFactor * _whitenedStep[i];
            psSquared += _ps[i] * _ps[i];
        }
        bool hsig = psSquared / (1 - Math.Pow(1 - cs, 2.0 * _completedGenerations)) / n < 2 + 4.0 / (n + 1);

        double cc = _p.Cc;
        double pcFactor = hsig ? Math.Sqrt(cc * (2 - cc) * _p.MuEff) : 0;
        for (int i = 0; i < n; i++) _pc[i] = (1 - cc) * _pc[i] + pcFactor * _weightedY[i];

        UpdateCovariance(order, hsig);

        double change = cs / _p.Damps * (Math.Sqrt(psSquared) / _p.ChiN - 1);
        _sigma *= Math.Exp(Math.Clamp(change, -1, 1));
        CapSigmaToBoundRange();
    }

    void UpdateCovariance(int[] order, bool hsig)
    {
        int n = _n, lambda = _p.Lambda;
        double c1 = _p.C1, cmu = _p.Cmu, cc = _p.Cc;
        double c1a = c1 * (1 - (hsig ? 0 : 1) * cc * (2 - cc));
        double decay = 1 - c1a - cmu * _p.Weights.Sum;
        _pc.CopyTo(_vectors, 0);
        _vectorWeights[0] = c1;
        var w = _p.Weights.Values;
        for (int r = 0; r < lambda; r++)
        {
            int k = order[r];
            _generation.Row(_generation.Y, k).CopyTo(_vectors.AsSpan((r + 1) * n, n));
            double weight = cmu * w[r];
            if (weight < 0)
            {
                // Active update: bound each negative step's influence by its Mahalanobis length.
                double zNorm = Math.Sqrt(CmaKernels.Dot(_generation.Row(_generation.Z, k), _generation.Row(_generation.Z, k)));
                weight *= n / ((zNorm + 1e-9) * (zNorm + 1e-9));
            }
            _vectorWeights[r + 1] = weight;
        }
        _covariance.Update(decay, _vectors, _vectorWeights, lambda + 1);
    }

    void RecordHistory(int[] order)
    {
        EnsureScratch(ref _sortedValues, _p.Lambda);
        for (int r = 0; r < order.Length; r++) _sortedValues[r] = _generation.Values[order[r]];
        _history.Record(_sortedValues, _completedGenerations);
    }

    /// <summary>pycma's maxstd_boundrange, applied as a cap on sigma.</summary>
    void CapSigmaToBoundRange()
    {
        if (_bounds is null || _options.MaxStdBoundRange <= 0) return;
        double cap = double.PositiveInfinity;
        for (int i = 0; i < _n; i++)
            cap = Math.Min(cap, _options.MaxStdBoundRange * _bounds.Range(i) / Math.Sqrt(_covariance.Variance(i)));
        if (_sigma > cap) _sigma = cap;
    }

    static void EnsureScratch(ref double[] buffer, int length)
    {
        if (buffer.Length != length) buffer = new double[length];
    }
}
