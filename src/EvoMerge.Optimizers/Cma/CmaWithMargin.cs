using EvoMerge.Core.Optimization;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// CMA-ES with margin (Hamano, Saito, Nomura, Shirakawa, GECCO 2022) for mixed-integer problems:
/// continuous, integer, binary and categorical (coded 0..k-1) genes. An unchanged
/// <see cref="CmaEs"/> samples and updates in a continuous space; a discrete gene's sample x is
/// shown to the caller as the value whose threshold interval holds mean + A (x - mean), and after
/// every generation <see cref="MarginCorrection"/> moves the mean and the diagonal scale A so the
/// probability of a neighbouring value stays at least the margin alpha. Continuous genes are as in
/// CmaEs (mapped into the bounds when given). Minimizes objective[0]; ask/tell, failures and stop
/// criteria follow CmaEs.
/// </summary>
public sealed partial class CmaWithMargin : IAskTellOptimizer
{
    public const string OptimizerName = "cmawm";
    const int StateVersion = 1;

    readonly CmaEs _cma;
    readonly DiscreteValues?[] _discrete;
    readonly Bounds? _box;
    readonly CmaBoundTransform? _bounds;
    readonly double _margin;
    readonly double[] _scale;
    // Encoded genes of the asked, untold candidates, so Best holds what the caller evaluated.
    readonly Dictionary<long, double[]> _asked = [];
    double[]? _bestGenes;
    double _bestValue = double.PositiveInfinity;

    public CmaWithMargin(CmaWithMarginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _discrete = [.. options.Discrete];
        _box = options.Cma.Bounds;
        _bounds = _box is null ? null : new CmaBoundTransform(_box);
        // The inner CMA-ES runs unbounded in genotype space; continuous genes are mapped here, so the
        // discrete ones are encoded from their raw samples.
        var genotype = (double[])options.Cma.X0.Clone();
        _bounds?.Inverse(options.Cma.X0, genotype);
        for (int i = 0; i < genotype.Length; i++)
            if (_discrete[i] is not null) genotype[i] = options.Cma.X0[i];
        _cma = new CmaEs(options.Cma with { X0 = genotype, Bounds = null });
        _margin = options.Margin ?? 1.0 / (_cma.Dimension * _cma.PopulationSize);
        _scale = Enumerable.Repeat(1.0, _cma.Dimension).ToArray();
    }

    CmaWithMargin(CmaEs cma, DiscreteValues?[] discrete, Bounds? box, double margin, double[] scale)
    {
        _cma = cma;
        _discrete = discrete;
        _box = box;
        _bounds = box is null ? null : new CmaBoundTransform(box);
        _margin = margin;
        _scale = scale;
    }

    public string Name => OptimizerName;
    public int Dimension => _cma.Dimension;
    public int PopulationSize => _cma.PopulationSize;
    public double Margin => _margin;
    public long Generation => _cma.Generation;
    public long Evaluations => _cma.Evaluations;

    /// <summary>The diagonal correction A (1 for continuous genes), a copy.</summary>
    public double[] Scale => (double[])_scale.Clone();

    public (double[] Genes, double Value)? Best =>
        _bestGenes is null ? null : ((double[])_bestGenes.Clone(), _bestValue);

    public IReadOnlyList<Candidate> Ask()
    {
        if (!_cma.HasPendingCandidates) _asked.Clear();
        var raw = _cma.Ask();
        var batch = new List<Candidate>(raw.Count);
        foreach (var c in raw)
        {
            if (!_asked.TryGetValue(c.Id, out var genes)) _asked[c.Id] = genes = Encode(c.Genes);
            batch.Add(new Candidate(c.Id, (double[])genes.Clone()));
        }
        return batch;
    }

    public void Tell(IReadOnlyList<TrialOutcome> outcomes)
    {
        long generation = _cma.Generation;
        _cma.Tell(outcomes); // validates every outcome before recording any
        foreach (var outcome in outcomes)
        {
            var genes = _asked[outcome.CandidateId];
            _asked.Remove(outcome.CandidateId);
            double value = outcome is TrialOutcome.Completed c ? c.Objectives[0] : double.NaN;
            if (!double.IsNaN(value) && (_bestGenes is null || value < _bestValue))
            {
                _bestValue = value;
                _bestGenes = genes;
            }
        }
        if (_cma.Generation != generation) ApplyMargin();
    }

    public IReadOnlySet<StopReason> Stop() => _cma.Stop();

    double[] Encode(double[] genotype)
    {
        var mean = _cma.GenotypeMean;
        var genes = new double[genotype.Length];
        for (int i = 0; i < genes.Length; i++)
            genes[i] = _discrete[i] is { } values ? values.Encode(mean[i] + _scale[i] * (genotype[i] - mean[i]))
                : _bounds is not null ? _bounds.TransformCoordinate(genotype[i], i)
                : genotype[i];
        return genes;
    }

    void ApplyMargin()
    {
        var mean = _cma.GenotypeMean;
        for (int i = 0; i < _discrete.Length; i++)
            if (_discrete[i] is { } values)
                (mean[i], _scale[i]) = MarginCorrection.Correct(values, mean[i], _scale[i], _cma.StandardDeviation(i), _margin);
    }
}
