using System.Globalization;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;

namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// Model Merging of Natural Niches (M2N2, Sakana AI, GECCO 2025) as an ask/tell optimizer over flat
/// parameter vectors. The first <see cref="Ask"/> hands out the seed models; every later one breeds
/// children: parent A fitness-proportional under resource competition, parent B by attraction,
/// split-point SLERP crossover, optional Gaussian mutation. A told child competes for a slot in the
/// archive (the weakest of archive plus child is dropped).
/// Outcomes must carry per-example scores (higher is better, non-negative); objective 0 (minimized)
/// only feeds <see cref="Best"/>. A failed trial is discarded: its child never enters the archive.
/// Batches are applied in ask order once every candidate of the batch is told, so the order of
/// Tell calls does not matter.
/// </summary>
public sealed partial class M2N2 : IAskTellOptimizer
{
    public const string OptimizerName = "m2n2";

    readonly Rng _rng;
    readonly NicheArchive _archive;
    readonly List<double[]> _unaskedSeeds = [];
    readonly List<Candidate> _pending = [];
    readonly Dictionary<long, TrialOutcome> _told = [];
    readonly double[] _weights;
    readonly double[] _fitness;
    // Share weights, fitness and attraction rows depend only on the archive: kept until it changes
    // (late in a run most children are rejected and the archive stays as it is).
    readonly double[][] _attractionByParent;
    readonly bool[] _attractionValid;
    // Candidate id of the model in each archive slot (-1: empty, or restored from a snapshot that did not
    // record it), so children can name their parents. Read by nobody that decides anything.
    readonly long[] _slotIds;
    long _cachedVersion = -1;
    long _nextId;
    long _evaluations;
    long _failures;
    double[]? _bestGenes;
    double _bestValue = double.PositiveInfinity;

    /// <param name="seedModels">1..K starting vectors (two random or two pre-trained models in the paper).</param>
    /// <param name="examples">Length D of the per-example score vectors.</param>
    public M2N2(IReadOnlyList<double[]> seedModels, int examples, M2N2Options options, Rng rng)
        : this(SeedDimension(seedModels), examples, options, rng)
    {
        if (seedModels.Count > options.ArchiveSize)
            throw new ArgumentException($"{seedModels.Count} seed models do not fit an archive of {options.ArchiveSize}.");
        for (int s = 0; s < seedModels.Count; s++)
        {
            if (seedModels[s].Length != Dimension)
                throw new ArgumentException($"Seed model {s} has {seedModels[s].Length} genes, seed 0 has {Dimension}.");
            if (!seedModels[s].All(double.IsFinite)) throw new ArgumentException($"Seed model {s} holds a non-finite value.");
            _unaskedSeeds.Add((double[])seedModels[s].Clone());
        }
    }

    M2N2(int dimension, int examples, M2N2Options options, Rng rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        options.Validate(dimension);
        if (examples < 1) throw new ArgumentOutOfRangeException(nameof(examples), examples, "M2N2 needs per-example scores over at least one example.");
        Dimension = dimension;
        Options = options;
        _rng = rng;
        _archive = new NicheArchive(options.ArchiveSize, dimension, examples, options.Alpha);
        _weights = new double[examples];
        _fitness = new double[options.ArchiveSize];
        _attractionByParent = new double[options.ArchiveSize][];
        _attractionValid = new bool[options.ArchiveSize];
        _slotIds = new long[options.ArchiveSize];
        Array.Fill(_slotIds, -1);
    }

    /// <summary>Starts from <paramref name="count"/> random models with genes N(0, scale^2), drawn from <paramref name="rng"/>.</summary>
    public static M2N2 FromRandomSeeds(int dimension, int examples, M2N2Options options, Rng rng, int count = 2, double scale = 0.01)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "M2N2 needs at least one gene.");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "At least one seed model is needed.");
        if (!(scale > 0) || double.IsInfinity(scale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be positive and finite.");
        var seeds = new double[count][];
        for (int s = 0; s < count; s++)
        {
            seeds[s] = new double[dimension];
            GaussianNoise.Add(rng, seeds[s], scale);
        }
        return new M2N2(seeds, examples, options, rng);
    }

    public string Name => OptimizerName;
    public int Dimension { get; }
    public int Examples => _archive.Examples;
    public M2N2Options Options { get; }

    /// <summary>Trials told so far (seeds, children and failures).</summary>
    public long Evaluations => _evaluations;

    /// <summary>Failed trials told so far (their candidates were discarded).</summary>
    public long Failures => _failures;

    public int ArchiveSize => _archive.Size;

    public ReadOnlySpan<double> ArchiveVector(int slot) => _archive.Vector(slot);

    public ReadOnlySpan<double> ArchiveScores(int slot) => _archive.Scores(slot);

    /// <summary>Candidate id of the model in an archive slot; -1 for an empty slot or one whose id is unknown.</summary>
    public long ArchiveCandidateId(int slot) => _slotIds[slot];

    /// <summary>Slot with the highest mean per-example score (the reference's best-on-training member).</summary>
    public int BestArchiveSlot() => _archive.BestSlotByMeanScore();

    /// <summary>Competition fitness of every archive slot now.</summary>
    public double[] CompetitionFitness()
    {
        var fitness = new double[ArchiveSize];
        _archive.Fitness(fitness);
        return fitness;
    }

    public (double[] Genes, double Value)? Best =>
        _bestGenes is null ? null : ((double[])_bestGenes.Clone(), _bestValue);

    public IReadOnlyList<Candidate> Ask()
    {
        if (_pending.Count > 0)
            throw new InvalidOperationException($"{_pending.Count - _told.Count} candidates of the last batch still await Tell.");
        if (_unaskedSeeds.Count > 0)
        {
            foreach (var seed in _unaskedSeeds) _pending.Add(new Candidate(_nextId++, seed));
            _unaskedSeeds.Clear();
            return _pending.ToArray();
        }
        // Parents come from the archive as it is now; children of one batch do not see each other.
        RefreshCompetition();
        for (int i = 0; i < Options.BatchSize; i++)
        {
            var (child, lineage) = Breed();
            _pending.Add(new Candidate(_nextId++, child, lineage));
        }
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

    public IReadOnlySet<StopReason> Stop()
    {
        var reasons = new HashSet<StopReason>();
        if (Options.MaxEvaluations is { } max && _evaluations >= max) reasons.Add(StopReason.EvaluationBudget);
        return reasons;
    }

    /// <summary>A child and its lineage: the candidate ids of its parents (A first) and, after a split-point crossover, where it split.</summary>
    (double[] Child, IReadOnlyDictionary<string, string> Lineage) Breed()
    {
        int parentA = _rng.NextWeightedIndex(_fitness);
        var child = new double[Dimension];
        var parents = new List<int> { parentA };
        var lineage = new Dictionary<string, string>();
        if (Options.UseCrossover)
        {
            int parentB = ChooseSecondParent(parentA);
            int splitAt = Options.UseSplitPoint ? DrawSplitPoint() : Dimension;
            double w = _rng.NextDouble();
            SplitPointSlerp.Cross(_archive.Vector(parentA), _archive.Vector(parentB), w, splitAt, child);
            parents.Add(parentB);
            if (Options.UseSplitPoint) lineage[CandidateMetadata.SplitAt] = splitAt.ToString(CultureInfo.InvariantCulture);
        }
        else _archive.Vector(parentA).CopyTo(child);
        if (Options.MutationSigma > 0) GaussianNoise.Add(_rng, child, Options.MutationSigma);
        var known = parents.Select(slot => _slotIds[slot]).Where(id => id >= 0).ToList();
        if (known.Count > 0) lineage[CandidateMetadata.Parents] = CandidateMetadata.FormatIds(known);
        return (child, lineage);
    }

    int ChooseSecondParent(int parentA)
    {
        if (Options.UseAttraction)
        {
            var attraction = AttractionFrom(parentA);
            // Nobody beats A anywhere: the reference divides 0 by 0 here; fall back to fitness.
            if (attraction.Sum() > 0) return _rng.NextWeightedIndex(attraction);
        }
        return _rng.NextWeightedIndex(_fitness);
    }

    void RefreshCompetition()
    {
        if (_cachedVersion == _archive.Version) return;
        _archive.ShareWeights(_weights);
        ResourceCompetition.Fitness(_archive.ScoreRows, _weights, _fitness);
        Array.Clear(_attractionValid);
        _cachedVersion = _archive.Version;
    }

    double[] AttractionFrom(int parentA)
    {
        var row = _attractionByParent[parentA] ??= new double[ArchiveSize];
        if (!_attractionValid[parentA])
        {
            Attraction.Scores(_archive.ScoreRows, _weights, parentA, row);
            _attractionValid[parentA] = true;
        }
        return row;
    }

    int DrawSplitPoint() => Options.SegmentStarts is { } starts
        ? starts[_rng.NextInt(starts.Length)]
        : _rng.NextInt(Dimension);

    void Validate(TrialOutcome outcome, HashSet<long> seen)
    {
        if (ToldOutcomeChecks.RequireAskedOnce(outcome, _pending, _told, seen) is not { } done) return;
        long id = done.CandidateId;
        if (done.PerExampleScores is not { } scores)
            throw new ArgumentException($"Candidate {id}: M2N2 needs per-example scores in every completed outcome.");
        if (scores.Length != Examples)
            throw new ArgumentException($"Candidate {id}: {scores.Length} per-example scores, expected {Examples}.");
        ToldOutcomeChecks.RequireUsableScores(id, scores);
    }

    void CompleteBatch()
    {
        foreach (var candidate in _pending)
        {
            _evaluations++;
            if (_told[candidate.Id] is TrialOutcome.Completed done)
            {
                double value = done.Objectives[0];
                if (double.IsFinite(value) && value < _bestValue) (_bestValue, _bestGenes) = (value, (double[])candidate.Genes.Clone());
                int slot = _archive.Offer(candidate.Genes, done.PerExampleScores);
                if (slot >= 0) _slotIds[slot] = candidate.Id;
            }
            else _failures++;
        }
        _pending.Clear();
        _told.Clear();
    }

    static int SeedDimension(IReadOnlyList<double[]> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0) throw new ArgumentException("M2N2 needs at least one seed model.");
        return seeds[0].Length;
    }
}
