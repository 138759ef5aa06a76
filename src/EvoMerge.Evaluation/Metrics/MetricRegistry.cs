namespace EvoMerge.Evaluation.Metrics;

/// <summary>The known metrics by name; every one is "higher is better".</summary>
public static class MetricRegistry
{
    private static readonly IReadOnlyList<IMetric> Known = [new AccuracyMetric(), new NegLogLossMetric(), new NegMseMetric()];

    public static IReadOnlyList<string> Names { get; } = Known.Select(m => m.Name).ToArray();

    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static IMetric Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Known.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))
               ?? throw new ArgumentException($"unknown metric '{name}'; known metrics: {string.Join(", ", Names)}.", nameof(name));
    }
}
