namespace EvoMerge.Dashboard.Live;

/// <summary>
/// A finished trial as the page draws it. Objectives and metrics follow the run schema's order;
/// both are null for a failed trial, which carries its <see cref="Reason"/> instead. <see cref="Metadata"/>
/// is what the optimizer journaled about how it made the trial (M2N2's parents and split point), if anything.
/// </summary>
public sealed record TrialPoint(
    long Id,
    int Generation,
    bool Failed,
    IReadOnlyList<double> Genes,
    IReadOnlyList<double>? Objectives,
    IReadOnlyList<double>? Metrics,
    double Seconds,
    string? Reason,
    IReadOnlyDictionary<string, string>? Metadata = null);
