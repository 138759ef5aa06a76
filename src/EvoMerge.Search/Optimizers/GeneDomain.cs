namespace EvoMerge.Search.Optimizers;

/// <summary>
/// The values one gene may take: any number inside its bounds (continuous), or one of a few sorted values
/// (binary indicators, integers, category codes), which mixed-integer optimizers sample as such.
/// </summary>
public sealed class GeneDomain
{
    GeneDomain(IReadOnlyList<double>? values) => Values = values;

    public static GeneDomain Continuous { get; } = new(null);

    /// <summary>The allowed values, or null for a continuous gene.</summary>
    public IReadOnlyList<double>? Values { get; }

    public bool IsDiscrete => Values is not null;

    /// <summary>A gene that takes one of <paramref name="values"/> (at least two distinct finite numbers).</summary>
    public static GeneDomain Discrete(params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Distinct().Order().ToArray();
        if (sorted.Length < 2 || sorted.Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"A discrete gene needs at least two distinct finite values (got [{string.Join(", ", values)}]).", nameof(values));
        return new GeneDomain(sorted);
    }
}
