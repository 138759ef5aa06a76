namespace EvoMerge.Search.Tasks;

/// <summary>
/// One task: the fields every evaluator kind shares (name, data, metrics, role) and the settings its
/// <see cref="Kind"/> reads and owns. <see cref="TestData"/> is never used for selection: only for the final
/// report of the best trials.
/// </summary>
public sealed record TaskSpec
{
    public required string Name { get; init; }

    /// <summary>The evaluator kind (<c>evaluator:</c>), which reads, checks, writes and opens <see cref="Settings"/>.</summary>
    public required TaskKind Kind { get; init; }

    /// <summary>The kind's own settings (e.g. <see cref="Language.LanguageTaskSpec"/>); only <see cref="Kind"/> looks inside.</summary>
    public required object Settings { get; init; }

    public string? Data { get; init; }
    public string? TestData { get; init; }
    public string Label { get; init; } = "label";
    public required string Metric { get; init; }
    public TaskRole Role { get; init; } = TaskRole.WeightedSum;
    public double Weight { get; init; } = 1.0;

    /// <summary>
    /// Every metric recorded for the task, in the order given (<c>metrics:</c>; null: just <see cref="Metric"/>).
    /// <see cref="Metric"/> is one of them and decides; the others break its ties, in this order.
    /// </summary>
    public IReadOnlyList<string>? Metrics { get; init; }

    /// <summary>The metrics recorded: the <c>task.&lt;name&gt;.&lt;metric&gt;</c> columns, in order.</summary>
    public IReadOnlyList<string> RecordedMetrics => Metrics ?? [Metric];

    /// <summary>The metrics that break ties of <see cref="Metric"/>, first one first.</summary>
    public IReadOnlyList<string> TieBreakMetrics => RecordedMetrics.Where(m => m != Metric).ToList();

    /// <summary>The settings as the kind's type; a mismatch is a programming error, never a user's.</summary>
    public T SettingsAs<T>() where T : class =>
        Settings as T ?? throw new InvalidOperationException($"tasks.{Name}: settings are {Settings.GetType().Name}, not {typeof(T).Name}.");
}
