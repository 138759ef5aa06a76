namespace EvoMerge.Merging.Config;

/// <summary>
/// A merge parameter as written in a mergekit config: a scalar, a gradient (a list interpolated
/// over the layers of a slice) or a list of filtered entries (the first entry whose filter is a
/// substring of the tensor name wins; an entry without filter, or with "*", matches everything).
/// </summary>
public abstract record ParameterSetting
{
    /// <summary>
    /// The value for one tensor at relative layer position <paramref name="t"/> in [0, 1], or null
    /// when no filtered entry matches (the caller then falls back to the next precedence level).
    /// </summary>
    public abstract double? Evaluate(string tensorName, double t);

    /// <summary>Every literal number in the setting, for range validation before any weights load.</summary>
    public abstract IEnumerable<double> Literals();

    public sealed record Scalar(double Value) : ParameterSetting
    {
        public override double? Evaluate(string tensorName, double t) => Value;
        public override IEnumerable<double> Literals() => [Value];
        public override string ToString() => Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Piecewise-linear interpolation of the list at t (t = 0 first value, t = 1 last).</summary>
    public sealed record Gradient(IReadOnlyList<double> Values) : ParameterSetting
    {
        public override double? Evaluate(string tensorName, double t)
        {
            double scaled = t * (Values.Count - 1);
            int i0 = (int)scaled;
            int i1 = Math.Min(Values.Count - 1, i0 + 1);
            double frac = scaled - i0;
            return (1 - frac) * Values[i0] + frac * Values[i1];
        }

        public override IEnumerable<double> Literals() => Values;
    }

    public sealed record Filtered(IReadOnlyList<FilterEntry> Entries) : ParameterSetting
    {
        public override double? Evaluate(string tensorName, double t)
        {
            foreach (var entry in Entries)
                if (entry.Matches(tensorName))
                    return entry.Value.Evaluate(tensorName, t);
            return null;
        }

        public override IEnumerable<double> Literals() => Entries.SelectMany(e => e.Value.Literals());
    }
}

public sealed record FilterEntry(string? Filter, ParameterSetting Value)
{
    public bool Matches(string tensorName) =>
        Filter is null || Filter == "*" || tensorName.Contains(Filter, StringComparison.Ordinal);
}
