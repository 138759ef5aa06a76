using EvoMerge.Core.Optimization;

namespace EvoMerge.Search.Optimizers;

/// <summary>
/// The values one gene may take: any number inside its bounds (continuous), or one of a few sorted values
/// (binary indicators, integers, category codes), which mixed-integer optimizers sample as such. The other
/// optimizers search every gene as continuous; decoding maps their values onto the allowed ones.
/// </summary>
public sealed class GeneDomain
{
    GeneDomain(IReadOnlyList<double>? values, IReadOnlyList<string>? labels = null)
    {
        Values = values;
        Labels = labels;
    }

    public static GeneDomain Continuous { get; } = new(null);

    /// <summary>The allowed values, or null for a continuous gene.</summary>
    public IReadOnlyList<double>? Values { get; }

    public bool IsDiscrete => Values is not null;

    /// <summary>A categorical gene's category names, one per value (in value order); null otherwise.</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>
    /// A choice among <paramref name="labels"/>: the gene's box is [0, 1] cut into equal-width bins
    /// (<see cref="CategoryBins"/>), and the values are the bin centres, so a mixed-integer optimizer samples
    /// exactly the values the continuous optimizers' bins decode to.
    /// </summary>
    public static GeneDomain Categorical(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count < 2) throw new ArgumentException($"A categorical gene needs at least two categories (got {labels.Count}).", nameof(labels));
        return new GeneDomain(Enumerable.Range(0, labels.Count).Select(k => CategoryBins.Centre(k, labels.Count)).ToArray(), labels.ToArray());
    }

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
