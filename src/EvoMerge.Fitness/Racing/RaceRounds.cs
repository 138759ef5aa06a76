using System.Runtime.InteropServices;

namespace EvoMerge.Fitness.Racing;

/// <summary>
/// <see cref="Race"/> one round at a time, for callers that score a round's slices together (a search
/// sends them to its workers as one batch): read <see cref="Wanted"/>, <see cref="Record"/> each slice's
/// scores (or <see cref="Withdraw"/> a candidate that could not be scored), then <see cref="Advance"/>;
/// repeat until it returns false and read <see cref="Result"/>. A withdrawn candidate ranks below every
/// other and decides no other pair, so when it drops out does not change the others' race.
/// </summary>
public sealed class RaceRounds
{
    readonly int _size;
    readonly RacingOptions _options;
    readonly List<double>[] _scores;
    readonly bool[] _withdrawn;
    readonly PairVerdict[,] _verdicts;
    readonly double _alphaPerPair;
    readonly int _depth;
    List<int> _active;
    int _target;
    bool _finished;

    public RaceRounds(int candidates, int fitnessSetSize, RacingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(options));
        if (candidates < 1) throw new ArgumentOutOfRangeException(nameof(candidates), "A race needs at least one candidate.");
        if (fitnessSetSize < 1) throw new ArgumentOutOfRangeException(nameof(fitnessSetSize), "A race needs at least one example.");
        _size = fitnessSetSize;
        _options = options;
        _scores = new List<double>[candidates];
        for (int c = 0; c < candidates; c++) _scores[c] = [];
        _withdrawn = new bool[candidates];
        _verdicts = new PairVerdict[candidates, candidates];
        int pairs = candidates * (candidates - 1) / 2;
        _alphaPerPair = pairs == 0 ? 0 : (1 - options.Confidence) / pairs;
        _depth = Math.Min(options.RankDepth ?? candidates, candidates);
        _active = Enumerable.Range(0, candidates).ToList();
        _target = Math.Min(options.Start, fitnessSetSize);
        Rounds = 1;
    }

    public int Rounds { get; private set; }

    /// <summary>The slices this round still needs (empty once the race is over).</summary>
    public IReadOnlyList<RaceSlice> Wanted => _finished
        ? []
        : _active.Where(c => !_withdrawn[c] && _scores[c].Count < _target).Select(c => new RaceSlice(c, _scores[c].Count, _target)).ToList();

    /// <summary>Appends one wanted slice's scores (one per example, higher is better).</summary>
    public void Record(int candidate, double[] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int from = _scores[candidate].Count;
        if (_finished || _withdrawn[candidate] || from >= _target)
            throw new InvalidOperationException($"Candidate {candidate} has no slice wanted in this round.");
        if (scores.Length != _target - from)
            throw new InvalidOperationException($"Got {scores.Length} scores for candidate {candidate}, examples {from}..{_target - 1}; expected {_target - from}.");
        _scores[candidate].AddRange(scores);
    }

    /// <summary>Takes a candidate out of the race (it failed): it ranks last and is never compared again.</summary>
    public void Withdraw(int candidate)
    {
        _withdrawn[candidate] = true;
        for (int j = 0; j < _scores.Length; j++)
        {
            if (j == candidate) continue;
            _verdicts[candidate, j] = _withdrawn[j] ? PairVerdict.Tied : PairVerdict.SecondBetter;
            _verdicts[j, candidate] = _withdrawn[j] ? PairVerdict.Tied : PairVerdict.FirstBetter;
        }
    }

    /// <summary>Ends the round once every wanted slice is in: updates the verdicts and opens the next round; false when the race is over.</summary>
    public bool Advance()
    {
        if (_finished) return false;
        if (Wanted.Count > 0) throw new InvalidOperationException("The round still has slices to score.");
        UpdateVerdicts();
        _active = StillUndecided();
        if (_active.Count == 0 || _target == _size)
        {
            _finished = true;
            return false;
        }
        _target = (int)Math.Min(_size, Math.Max(_target + 1L, (long)Math.Ceiling(_target * _options.Growth)));
        Rounds++;
        return true;
    }

    /// <summary>The ranking (Copeland score, then mean, then index), examples used and means; after the race is over.</summary>
    public RaceResult Result()
    {
        if (!_finished) throw new InvalidOperationException("The race is not over.");
        int count = _scores.Length;
        var used = _scores.Select(s => s.Count).ToArray();
        var means = _scores.Select(Mean).ToArray();
        var wins = new int[count];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < count; j++)
                if (_verdicts[i, j] == PairVerdict.FirstBetter) wins[i]++;
        var ranking = Enumerable.Range(0, count)
            .OrderByDescending(c => wins[c]).ThenByDescending(c => _withdrawn[c] ? double.NegativeInfinity : means[c]).ThenBy(c => c)
            .ToArray();
        return new RaceResult(ranking, used, means, Rounds);
    }

    void UpdateVerdicts()
    {
        int count = _scores.Length;
        for (int i = 0; i < count; i++)
            for (int j = i + 1; j < count; j++)
            {
                if (_verdicts[i, j] != PairVerdict.Undecided) continue;
                int shared = Math.Min(_scores[i].Count, _scores[j].Count);
                var a = CollectionsMarshal.AsSpan(_scores[i])[..shared];
                var b = CollectionsMarshal.AsSpan(_scores[j])[..shared];
                var verdict = PairedComparison.Compare(a, b, _size, _alphaPerPair);
                _verdicts[i, j] = verdict;
                _verdicts[j, i] = Mirror(verdict);
            }
    }

    /// <summary>Candidates with a pair that still matters and is undecided: a pair stops mattering when both are certainly below the leading ranks.</summary>
    List<int> StillUndecided()
    {
        int count = _scores.Length;
        var out_ = new bool[count];
        for (int i = 0; i < count; i++)
        {
            int certainlyBetter = 0;
            for (int j = 0; j < count; j++) if (_verdicts[j, i] == PairVerdict.FirstBetter) certainlyBetter++;
            out_[i] = certainlyBetter >= _depth;
        }
        var active = new List<int>();
        for (int i = 0; i < count; i++)
        {
            if (_withdrawn[i] || _scores[i].Count >= _size) continue;
            for (int j = 0; j < count; j++)
                if (j != i && _verdicts[i, j] == PairVerdict.Undecided && !(out_[i] && out_[j])) { active.Add(i); break; }
        }
        return active;
    }

    static PairVerdict Mirror(PairVerdict verdict) => verdict switch
    {
        PairVerdict.FirstBetter => PairVerdict.SecondBetter,
        PairVerdict.SecondBetter => PairVerdict.FirstBetter,
        _ => verdict,
    };

    static double Mean(List<double> values)
    {
        if (values.Count == 0) return double.NaN;
        double sum = 0;
        foreach (var v in values) sum += v;
        return sum / values.Count;
    }
}
