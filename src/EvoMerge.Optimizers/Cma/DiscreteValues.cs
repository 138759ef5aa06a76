namespace EvoMerge.Optimizers.Cma;

/// <summary>
/// The values a discrete gene may take (integers, a binary 0/1 choice, category codes), sorted.
/// A continuous coordinate z is encoded to the value whose interval holds it; the intervals are
/// split at the midpoints between neighbouring values (CMA-ES with margin's thresholds).
/// </summary>
public sealed class DiscreteValues
{
    readonly double[] _values;
    readonly double[] _thresholds;

    public DiscreteValues(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values.Distinct().Order().ToArray();
        if (_values.Length < 2)
            throw new ArgumentException($"A discrete gene needs at least two distinct values (got {_values.Length}).", nameof(values));
        if (_values.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("Discrete values must be finite numbers.", nameof(values));
        _thresholds = new double[_values.Length - 1];
        for (int j = 0; j < _thresholds.Length; j++) _thresholds[j] = (_values[j] + _values[j + 1]) / 2;
    }

    /// <summary>Every integer in [lower, upper].</summary>
    public static DiscreteValues Integers(int lower, int upper) =>
        upper > lower
            ? new(Enumerable.Range(lower, upper - lower + 1).Select(v => (double)v))
            : throw new ArgumentException($"An integer gene needs upper ({upper}) above lower ({lower}).");

    /// <summary>0 or 1.</summary>
    public static DiscreteValues Binary() => Integers(0, 1);

    /// <summary>A choice among <paramref name="categories"/> unordered options, coded 0 .. categories - 1.</summary>
    public static DiscreteValues Categorical(int categories) =>
        categories >= 2
            ? Integers(0, categories - 1)
            : throw new ArgumentException($"A categorical gene needs at least two categories (got {categories}).");

    public IReadOnlyList<double> Values => _values;

    public int Count => _values.Length;

    /// <summary>The midpoint between value <paramref name="j"/> and value j + 1.</summary>
    public double Threshold(int j) => _thresholds[j];

    /// <summary>Index of the interval holding z: the number of thresholds strictly below it.</summary>
    public int IntervalOf(double z)
    {
        int lo = 0, hi = _thresholds.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (_thresholds[mid] < z) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public double Encode(double z) => _values[IntervalOf(z)];
}
