namespace EvoMerge.Optimizers.Niching;

/// <summary>
/// The K models of M2N2 with their per-example scores (a K x D matrix). Empty slots are zero
/// vectors with zero scores, as in the reference, so they hold no resources and are replaced first.
/// </summary>
public sealed class NicheArchive
{
    readonly double[][] _vectors;
    readonly double[][] _scores;
    // Scratch for one replacement decision: K archive rows plus the newcomer.
    readonly double[][] _extendedScores;
    readonly double[] _newcomerScores;
    readonly double[] _totals;
    // Resource totals of the K archive rows, summed in slot order; recomputed only after a slot
    // changes. The same order is used from scratch after a restore, so continuation stays exact.
    readonly double[] _archiveTotals;
    bool _archiveTotalsValid;
    readonly double[] _weights;
    readonly double[] _extendedFitness;

    public int Size { get; }
    public int Dimension { get; }
    public int Examples { get; }
    public double Alpha { get; }

    public NicheArchive(int size, int dimension, int examples, double alpha)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "An archive needs at least one slot.");
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Vectors need at least one gene.");
        if (examples < 1) throw new ArgumentOutOfRangeException(nameof(examples), examples, "Scores need at least one example.");
        if (!(alpha >= 0) || double.IsInfinity(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be finite and >= 0.");
        (Size, Dimension, Examples, Alpha) = (size, dimension, examples, alpha);
        _vectors = NewRows(size, dimension);
        _scores = NewRows(size, examples);
        _extendedScores = new double[size + 1][];
        Array.Copy(_scores, _extendedScores, size);
        _newcomerScores = new double[examples];
        _extendedScores[size] = _newcomerScores;
        _totals = new double[examples];
        _archiveTotals = new double[examples];
        _weights = new double[examples];
        _extendedFitness = new double[size + 1];
    }

    /// <summary>Changes whenever a slot is overwritten, so callers can cache what they derive from the archive.</summary>
    public long Version { get; private set; }

    public ReadOnlySpan<double> Vector(int slot) => _vectors[slot];

    public ReadOnlySpan<double> Scores(int slot) => _scores[slot];

    /// <summary>The score rows, for competition and attraction computations (read only).</summary>
    public IReadOnlyList<double[]> ScoreRows => _scores;

    /// <summary>Resource share weights 1 / z_j^alpha of the current archive.</summary>
    public void ShareWeights(Span<double> weights) => ResourceCompetition.ShareWeights(ArchiveTotals(), Alpha, weights);

    /// <summary>Competition fitness f_k of every slot under the current archive's resource totals.</summary>
    public void Fitness(Span<double> fitness)
    {
        ShareWeights(_weights);
        ResourceCompetition.Fitness(_scores, _weights, fitness);
    }

    /// <summary>
    /// Replacement: fitness is recomputed over archive plus newcomer and the lowest is dropped (the
    /// first lowest slot on ties; the newcomer only when strictly lowest). Returns the slot the
    /// newcomer took, or -1 when it was dropped.
    /// </summary>
    public int Offer(ReadOnlySpan<double> vector, ReadOnlySpan<double> scores)
    {
        if (vector.Length != Dimension) throw new ArgumentException($"Vector has {vector.Length} genes, the archive {Dimension}.");
        if (scores.Length != Examples) throw new ArgumentException($"Scores have {scores.Length} examples, the archive {Examples}.");
        scores.CopyTo(_newcomerScores);
        // Archive totals plus the newcomer: the sum over K + 1 rows in slot order, newcomer last.
        ArchiveTotals().CopyTo(_totals);
        ResourceCompetition.Accumulate(_newcomerScores, _totals);
        ResourceCompetition.ShareWeights(_totals, Alpha, _weights);
        ResourceCompetition.Fitness(_extendedScores, _weights, _extendedFitness);
        int weakest = 0;
        for (int k = 1; k <= Size; k++)
            if (_extendedFitness[k] < _extendedFitness[weakest]) weakest = k;
        if (weakest == Size) return -1;
        Load(weakest, vector, scores);
        return weakest;
    }

    /// <summary>The slot with the highest mean score (the first on ties): the reference's "best on training data".</summary>
    public int BestSlotByMeanScore()
    {
        int best = 0;
        double bestSum = double.NegativeInfinity;
        for (int k = 0; k < Size; k++)
        {
            double sum = 0;
            foreach (var s in _scores[k]) sum += s;
            if (sum > bestSum) (best, bestSum) = (k, sum);
        }
        return best;
    }

    /// <summary>Overwrites one slot (replacement and snapshot restore).</summary>
    public void Load(int slot, ReadOnlySpan<double> vector, ReadOnlySpan<double> scores)
    {
        if ((uint)slot >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(slot));
        vector.CopyTo(_vectors[slot]);
        scores.CopyTo(_scores[slot]);
        _archiveTotalsValid = false;
        Version++;
    }

    ReadOnlySpan<double> ArchiveTotals()
    {
        if (!_archiveTotalsValid)
        {
            ResourceCompetition.Totals(_scores, _archiveTotals);
            _archiveTotalsValid = true;
        }
        return _archiveTotals;
    }

    static double[][] NewRows(int rows, int columns)
    {
        var result = new double[rows][];
        for (int i = 0; i < rows; i++) result[i] = new double[columns];
        return result;
    }
}
