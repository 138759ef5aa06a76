using System.Text.Json.Nodes;

namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// Objective-value histories the stop criteria read, kept as pycma keeps them: the best value of
/// each recent generation (tolfun, tolfunhist) and, every fifth generation, the best and median
/// (tolstagnation). Lists hold the oldest value first.
/// </summary>
internal sealed class CmaFitnessHistory
{
    const int StagnationRecordInterval = 5;
    const int StagnationCapacity = 20000;

    readonly int _recentCapacity;
    readonly List<double> _recentBest = new();
    readonly List<double> _sparseBest = new();
    readonly List<double> _sparseMedian = new();

    public CmaFitnessHistory(int recentCapacity) => _recentCapacity = recentCapacity;

    /// <summary>Best and worst value of the last completed generation (failures count as +inf).</summary>
    public double LastBest { get; private set; } = double.PositiveInfinity;
    public double LastWorst { get; private set; } = double.PositiveInfinity;

    public IReadOnlyList<double> RecentBest => _recentBest;
    public IReadOnlyList<double> SparseBest => _sparseBest;
    public IReadOnlyList<double> SparseMedian => _sparseMedian;

    /// <param name="sortedValues">This generation's values, ascending, failures as +inf.</param>
    public void Record(ReadOnlySpan<double> sortedValues, long generation)
    {
        LastBest = sortedValues[0];
        LastWorst = sortedValues[^1];
        _recentBest.Add(LastBest);
        if (_recentBest.Count > _recentCapacity) _recentBest.RemoveAt(0);
        if (generation % StagnationRecordInterval == 0)
        {
            int m = sortedValues.Length;
            double median = m % 2 == 1 ? sortedValues[m / 2] : (sortedValues[m / 2 - 1] + sortedValues[m / 2]) / 2;
            _sparseBest.Add(LastBest);
            _sparseMedian.Add(median);
            if (_sparseBest.Count > StagnationCapacity) { _sparseBest.RemoveAt(0); _sparseMedian.RemoveAt(0); }
        }
    }

    public static double Range(IReadOnlyList<double> values)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        return hi - lo;
    }

    /// <summary>
    /// pycma's tolstagnation test: over the last 2l sparse records, neither the median of the best
    /// nor of the median values improved from the older half to the newer half.
    /// </summary>
    public bool Stagnates(int tolStagnation)
    {
        int count = _sparseBest.Count;
        int l = (int)Math.Max(tolStagnation / (double)StagnationRecordInterval / 2, count / 10.0);
        if (count <= 100 || 2 * l >= count) return false;
        return Median(_sparseMedian, count - l, l) >= Median(_sparseMedian, count - 2 * l, l)
            && Median(_sparseBest, count - l, l) >= Median(_sparseBest, count - 2 * l, l);
    }

    static double Median(List<double> values, int start, int length)
    {
        var slice = values.GetRange(start, length);
        slice.Sort();
        return length % 2 == 1 ? slice[length / 2] : (slice[length / 2 - 1] + slice[length / 2]) / 2;
    }

    public JsonObject Export() => new()
    {
        ["lastBest"] = CmaJson.Number(LastBest),
        ["lastWorst"] = CmaJson.Number(LastWorst),
        ["recentBest"] = CmaJson.Vector(_recentBest.ToArray()),
        ["sparseBest"] = CmaJson.Vector(_sparseBest.ToArray()),
        ["sparseMedian"] = CmaJson.Vector(_sparseMedian.ToArray()),
    };

    public static CmaFitnessHistory Restore(JsonObject json, int recentCapacity)
    {
        var h = new CmaFitnessHistory(recentCapacity)
        {
            LastBest = CmaJson.ReadNumber(json["lastBest"], "history.lastBest"),
            LastWorst = CmaJson.ReadNumber(json["lastWorst"], "history.lastWorst"),
        };
        h._recentBest.AddRange(CmaJson.ReadVector(json["recentBest"], "history.recentBest"));
        h._sparseBest.AddRange(CmaJson.ReadVector(json["sparseBest"], "history.sparseBest"));
        h._sparseMedian.AddRange(CmaJson.ReadVector(json["sparseMedian"], "history.sparseMedian"));
        return h;
    }
}
