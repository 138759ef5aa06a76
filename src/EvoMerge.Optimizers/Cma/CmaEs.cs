using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// Hansen's (mu/mu_w, lambda)-CMA-ES with pycma 4.x defaults: log-rank weights, active covariance
/// update (negative weights for the worst half, rescaled by n / ||z||^2), rank-one and rank-mu
/// updates, CSA step size, hsig stall of the rank-one path, lazy eigendecomposition. Minimizes
/// objective[0]. In <see cref="CmaCovarianceMode.Separable"/> mode it is sep-CMA-ES.
/// <para>
/// Ask hands out the whole generation (lambda candidates, ids counting up from
/// <see cref="CmaEsOptions.FirstCandidateId"/>); asking again before every one was told re-issues the
/// untold ones. Outcomes may be told in any order and in parts; the distribution is updated once
/// the generation is complete. A failed outcome (or a NaN value) ranks behind every success, ties
/// in ask order; a generation without any success leaves the distribution unchanged.
/// </para>
/// </summary>
public sealed partial class CmaEs : IAskTellOptimizer
{
    const int StateVersion = 1;

    readonly CmaEsOptions _options;
    readonly CmaStrategyParameters _p;
    readonly CmaCovariance _covariance;
    readonly CmaBoundTransform? _bounds;
    readonly CmaGeneration _generation;
    readonly int _n;
    Rng _rng;
    double[] _mean;
    double[] _ps;
    double[] _pc;
    double _sigma;
    long _completedGenerations;
    long _evaluations;
    long _nextId;
    double[]? _bestGenes;
    double _bestValue = double.PositiveInfinity;
    CmaFitnessHistory _history;
    int _allFailedStreak;
    bool _numericalFailure;
    bool _pending;

    public CmaEs(CmaEsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options with { X0 = (double[])options.X0.Clone() }; // the caller may reuse its array
        _n = options.Dimension;
        _p = new CmaStrategyParameters(options);
        Mode = options.ResolvedMode;
        _covariance = Mode == CmaCovarianceMode.Separable
            ? new CmaDiagonalCovariance(_n)
            : new CmaFullCovariance(_n, _p.EigenUpdateGap);
        _bounds = options.Bounds is { } b ? new CmaBoundTransform(b) : null;
        _generation = new CmaGeneration(_p.Lambda, _n);
        _rng = new Rng(options.Seed);
        _mean = new double[_n];
        if (_bounds is null) options.X0.CopyTo(_mean, 0);
        else _bounds.Inverse(options.X0, _mean);
        _ps = new double[_n];
        _pc = new double[_n];
        _sigma = options.Sigma0;
        _nextId = options.FirstCandidateId;
        _history = new CmaFitnessHistory(_p.FunctionHistoryLength);
        _vectors = new double[(_p.Lambda + 1) * _n];
        _vectorWeights = new double[_p.Lambda + 1];
    }

    public string Name => Mode == CmaCovarianceMode.Separable ? "sep-cmaes" : "cmaes";
    public int Dimension => _n;
    public CmaCovarianceMode Mode { get; }
    public CmaEsOptions Options => _options;
    public CmaStrategyParameters Parameters => _p;
    public int PopulationSize => _p.Lambda;
    public double Sigma => _sigma;
    public long Generation => _completedGenerations;
    public long Evaluations => _evaluations;
    /// <summary>The id the next asked candidate will get.</summary>
    public long NextCandidateId => _nextId;
    /// <summary>Condition number of the covariance at its last decomposition.</summary>
    public double ConditionNumber => _covariance.ConditionNumber;
    /// <summary>The distribution mean mapped into the box (a copy).</summary>
    public double[] Mean
    {
        get
        {
            var m = (double[])_mean.Clone();
            _bounds?.Transform(_mean, m);
            return m;
        }
    }

    /// <summary>Whether some asked candidate of the current generation is still untold.</summary>
    public bool HasPendingCandidates => _pending;

    internal CmaCovariance Covariance => _covariance;

    public (double[] Genes, double Value)? Best =>
        _bestGenes is null ? null : ((double[])_bestGenes.Clone(), _bestValue);

    public IReadOnlyList<Candidate> Ask()
    {
        if (!_pending) SampleGeneration();
        var batch = new List<Candidate>(_p.Lambda);
        for (int k = 0; k < _p.Lambda; k++)
            if (!_generation.Told[k])
                batch.Add(new Candidate(_generation.FirstId + k, _generation.Row(_generation.Phenotypes, k).ToArray()));
        return batch;
    }

    void SampleGeneration()
    {
        if (!_covariance.DecomposeIfDue()) _numericalFailure = true;
        _generation.Reset(_nextId);
        _nextId += _p.Lambda;
        _rng.FillGaussian(_generation.Z);
        _covariance.Transform(_generation.Z, _generation.Y, _p.Lambda);
        for (int k = 0; k < _p.Lambda; k++)
        {
            var x = _generation.Genotypes.AsSpan(k * _n, _n);
            var y = _generation.Row(_generation.Y, k);
            for (int i = 0; i < _n; i++) x[i] = _mean[i] + _sigma * y[i];
            var phenotype = _generation.Phenotypes.AsSpan(k * _n, _n);
            if (_bounds is null) x.CopyTo(phenotype);
            else _bounds.Transform(x, phenotype);
        }
        _pending = true;
    }

    public void Tell(IReadOnlyList<TrialOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var indices = ValidateOutcomes(outcomes);
        for (int t = 0; t < outcomes.Count; t++) Record(indices[t], outcomes[t]);
        if (_pending && _generation.IsComplete) CompleteGeneration();
    }

    int[] ValidateOutcomes(IReadOnlyList<TrialOutcome> outcomes)
    {
        var indices = new int[outcomes.Count];
        var seen = new HashSet<long>();
        for (int t = 0; t < outcomes.Count; t++)
        {
            var outcome = outcomes[t] ?? throw new ArgumentException($"Outcome {t} is null.", nameof(outcomes));
            int k = _pending ? _generation.IndexOf(outcome.CandidateId) : -1;
            if (k < 0)
                throw new ArgumentException($"Candidate {outcome.CandidateId} is not pending in this optimizer.", nameof(outcomes));
            if (_generation.Told[k] || !seen.Add(outcome.CandidateId))
                throw new ArgumentException($"Candidate {outcome.CandidateId} was already told.", nameof(outcomes));
            if (outcome is TrialOutcome.Completed { Objectives.Length: 0 })
                throw new ArgumentException($"Candidate {outcome.CandidateId}: a completed outcome needs an objective value.", nameof(outcomes));
            indices[t] = k;
        }
        return indices;
    }

    void Record(int k, TrialOutcome outcome)
    {
        double value = outcome is TrialOutcome.Completed c ? c.Objectives[0] : double.NaN;
        bool failed = double.IsNaN(value);
        _generation.Told[k] = true;
        _generation.ToldCount++;
        _generation.Failed[k] = failed;
        _generation.Values[k] = failed ? double.PositiveInfinity : value;
        _evaluations++;
        if (!failed && (_bestGenes is null || value < _bestValue))
        {
            _bestValue = value;
            _bestGenes = _generation.Row(_generation.Phenotypes, k).ToArray();
        }
    }
}
