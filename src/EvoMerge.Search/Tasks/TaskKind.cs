using EvoMerge.Search.Yaml;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// Everything the search knows about one evaluator kind (<c>evaluator:</c> of a task): its name, the YAML
/// fields it adds to a task (read with field paths, validated, written back canonically), its capabilities,
/// and how to open it for a run. Registered in <see cref="TaskKindRegistry"/>.
/// </summary>
public abstract class TaskKind
{
    public abstract string Name { get; }

    public abstract TaskKindCapabilities Capabilities { get; }

    /// <summary>The task fields this kind adds to the common ones, in canonical order.</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>Whether a task of this kind must give <c>data</c> (a command may compute its scores without one).</summary>
    public virtual bool NeedsData => true;

    /// <summary>Reads and checks this kind's settings; null when they cannot be built (problems are reported).</summary>
    internal abstract object? Read(TaskReading reading);

    /// <summary>The settings in canonical order and text (defaults filled in).</summary>
    public abstract IReadOnlyList<TaskField> Write(object settings);

    /// <summary>
    /// Opens the task's evaluator. Errors that would fail every evaluation (unreadable files, a model that
    /// cannot load) are thrown as <see cref="ArgumentException"/>, <see cref="IOException"/> or
    /// <see cref="InvalidDataException"/>: the kind translates its libraries' own exceptions.
    /// </summary>
    public abstract TaskEvaluator Open(TaskOpening opening);

    /// <summary>The files besides <c>data</c> whose contents define the experiment (checked on resume).</summary>
    public virtual IEnumerable<string?> InputFiles(object settings) => [];

    /// <summary>Problems of metrics this kind cannot compute, reported with the metric's field path.</summary>
    internal static void CheckRegistryMetrics(TaskReading reading)
    {
        foreach (var unknown in reading.RecordedMetrics.Where(m => !Evaluation.Metrics.MetricRegistry.Names.Contains(m)))
            reading.Fields.Problems.Add($"{reading.MetricField}: unknown metric '{unknown}'; valid: {string.Join(", ", Evaluation.Metrics.MetricRegistry.Names)}.");
    }

    internal static string Quote(string s) => YamlText.Quote(s);
}
