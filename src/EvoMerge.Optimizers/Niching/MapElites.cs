using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// MAP-Elites as the M2N2 paper's baseline: a dense grid of cells over behaviour descriptors (mean
/// per-example score over each descriptor group, binned), one elite per cell, quality = mean
/// per-example score over all examples. Two parents are drawn from occupied cells with probability
/// proportional to quality (distinct cells when two have positive quality; the reference switches
/// on the quality sum instead), crossed by split-point SLERP and optionally mutated; a child takes
/// its cell when the cell is empty or the child is strictly better. Failed trials are discarded.
/// Descriptor values of 1 fall in the last bin.
/// </summary>
public sealed partial class MapElites : IAskTellOptimizer
{
    public const string OptimizerName = "map_elites";

    readonly Rng _rng;
    readonly Dictionary<int, (double[] Vector, double Quality)> _cells = [];
    readonly List<double[]> _unaskedSeeds = [];
    readonly List<Candidate> _pending = [];
    readonly Dictionary<long, TrialOutcome> _told = [];
    long _nextId;
    long _evaluations;
    double[]? _bestGenes;
    double _bestValue = double.PositiveInfinity;

    public MapElites(IReadOnlyList<double[]> seedModels, int examples, MapElitesOptions options, Rng rng)
        : this(seedModels.Count > 0 ? seedModels[0].Length : throw new ArgumentException("MAP-Elites needs at least one seed model."), examples, options, rng)
    {
        for (int s = 0; s < seedModels.Count; s++)
        {
            if (seedModels[s].Length != Dimension) throw new ArgumentException($"Seed model {s} has {seedModels[s].Length} genes, seed 0 has {Dimension}.");
            if (!seedModels[s].All(double.IsFinite)) throw new ArgumentException($"Seed model {s} holds a non-finite value.");
            _unaskedSeeds.Add((double[])seedModels[s].Clone());
        }
    }

    MapElites(int dimension, int examples, MapElitesOptions options, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "MAP-Elites needs at least one gene.");
        if (examples < 1) throw new ArgumentOutOfRangeException(nameof(examples), examples, "MAP-Elites needs per-example scores over at least one example.");
        options.Validate(examples);
        (Dimension, Examples, Options, _rng) = (dimension, examples, options, rng);
    }

    public string Name => OptimizerName;
    public int Dimension { get; }
    public int Examples { get; }
    public MapElitesOptions Options { get; }
    public long Evaluations => _evaluations;
    public int OccupiedCells => _cells.Count;

    /// <summary>The elite of highest quality (lowest cell index on ties); null while the grid is empty.</summary>
    public double[]? BestElite()
    {
        if (_cells.Count == 0) return null;
        var best = _cells.OrderByDescending(c => c.Value.Quality).ThenBy(c => c.Key).First();
        return (double[])best.Value.Vector.Clone();
    }

    public (double[] Genes, double Value)? Best =>
        _bestGenes is null ? null : ((double[])_bestGenes.Clone(), _bestValue);

    public IReadOnlyList<Candidate> Ask()
    {
        if (_pending.Count > 0) throw new InvalidOperationException($"{_pending.Count - _told.Count} candidates of the last batch still await Tell.");
        if (_unaskedSeeds.Count > 0)
        {
            foreach (var seed in _unaskedSeeds) _pending.Add(new Candidate(_nextId++, seed));
            _unaskedSeeds.Clear();
            return _pending.ToArray();
        }
        var keys = _cells.Keys.Order().ToArray();
        var qualities = keys.Select(k => _cells[k].Quality).ToArray();
        for (int i = 0; i < Options.BatchSize; i++) _pending.Add(new Candidate(_nextId++, Breed(keys, qualities)));
        return _pending.ToArray();
    }

    public void Tell(IReadOnlyList<TrialOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var seen = new HashSet<long>();
        foreach (var outcome in outcomes) Validate(outcome, seen);
        foreach (var outcome in outcomes) _told.Add(outcome.CandidateId, outcome);
        if (_pending.Count > 0 && _told.Count == _pending.Count) CompleteBatch();
    }

    public IReadOnlySet<StopReason> Stop() => new HashSet<StopReason>();

    /// <summary>The cell a score vector falls in (row-major over descriptors).</summary>
    public int CellOf(ReadOnlySpan<double> scores)
    {
        int cell = 0;
        foreach (var group in Options.DescriptorGroups)
        {
            double sum = 0;
            foreach (int i in group) sum += scores[i];
            int bin = (int)Math.Floor(sum / group.Length * Options.BinsPerDescriptor);
            cell = cell * Options.BinsPerDescriptor + Math.Clamp(bin, 0, Options.BinsPerDescriptor - 1);
        }
        return cell;
    }

    double[] Breed(int[] keys, double[] qualities)
    {
        var child = new double[Dimension];
        if (keys.Length == 0)
        {
            // Every seed failed: nothing to breed from but noise around the origin.
            if (Options.MutationSigma > 0) GaussianNoise.Add(_rng, child, Options.MutationSigma);
            return child;
        }
        int a = _rng.NextWeightedIndex(qualities);
        int b = a;
        if (qualities.Count(q => q > 0) >= 2)
        {
            var others = (double[])qualities.Clone();
            others[a] = 0;
            b = _rng.NextWeightedIndex(others);
        }
        int splitAt = _rng.NextInt(Dimension);
        double w = _rng.NextDouble();
        SplitPointSlerp.Cross(_cells[keys[a]].Vector, _cells[keys[b]].Vector, w, splitAt, child);
        if (Options.MutationSigma > 0) GaussianNoise.Add(_rng, child, Options.MutationSigma);
        return child;
    }

    void Validate(TrialOutcome outcome, HashSet<long> seen)
    {
        if (ToldOutcomeChecks.RequireAskedOnce(outcome, _pending, _told, seen) is not { } done) return;
        long id = done.CandidateId;
        if (done.PerExampleScores is not { } scores || scores.Length != Examples)
            throw new ArgumentException($"Candidate {id}: MAP-Elites needs {Examples} per-example scores in every completed outcome.");
        ToldOutcomeChecks.RequireUsableScores(id, scores);
    }

    void CompleteBatch()
    {
        foreach (var candidate in _pending)
        {
            _evaluations++;
            if (_told[candidate.Id] is not TrialOutcome.Completed done) continue;
            double value = done.Objectives[0];
            if (double.IsFinite(value) && value < _bestValue) (_bestValue, _bestGenes) = (value, (double[])candidate.Genes.Clone());
            var scores = done.PerExampleScores!;
            double quality = scores.Average();
            int cell = CellOf(scores);
            if (!_cells.TryGetValue(cell, out var elite) || quality > elite.Quality)
                _cells[cell] = ((double[])candidate.Genes.Clone(), quality);
        }
        _pending.Clear();
        _told.Clear();
    }
}
