using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// What an evaluator kind reads its settings from: the task's mapping and field path, the common fields
/// already read (files resolved), and how to resolve and check further files. Problems go to <see cref="Fields"/>.
/// </summary>
internal sealed record TaskReading(
    YamlFields Fields,
    YamlMappingNode Map,
    string Field,
    string? Data,
    string? TestData,
    IReadOnlyList<string> RecordedMetrics,
    bool MetricsListed,
    Func<string?, string, string?> ExistingFile,
    Func<string?, string, string?> ExistingModel,
    Func<string> DefaultLanguageDType,
    Func<string?>? DefaultModel = null)
{
    /// <summary>The field path of <paramref name="key"/> in this task, e.g. <c>tasks[0].model</c>.</summary>
    public string Path(string key) => $"{Field}.{key}";

    /// <summary>Where a metric problem is reported: <c>metrics</c> when the task lists them, else <c>metric</c>.</summary>
    public string MetricField => Path(MetricsListed ? "metrics" : "metric");

    /// <summary>The folder of the base model, else of the first expert (where a task's tokenizer comes from); null when unknown.</summary>
    public string? DefaultModelFolder()
    {
        if (DefaultModel?.Invoke() is not { } model)
            return null;
        return Directory.Exists(model) ? model : System.IO.Path.GetDirectoryName(model);
    }
}
