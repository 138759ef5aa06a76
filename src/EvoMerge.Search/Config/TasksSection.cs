using EvoMerge.Search.Tasks;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary>
/// <c>tasks: [{name, evaluator, data, test_data, label, metric, metrics, objective: weighted|own, weight, ...}]</c>:
/// the fields every task has; <c>evaluator</c> picks the kind (<see cref="TaskKindRegistry"/>), which reads its
/// own fields. <c>metrics</c> lists every metric recorded; <c>metric</c> (default: the first of them) decides,
/// the others break its ties in their order.
/// </summary>
internal static class TasksSection
{
    static readonly string[] CommonFields = ["name", "evaluator", "data", "test_data", "label", "metric", "objective", "weight", "metrics"];

    /// <param name="defaultLanguageDType">The dtype of language tasks that give none (the checkpoint's own).</param>
    /// <param name="defaultModel">The base model's path, else the first expert's (null when there is none).</param>
    public static IReadOnlyList<TaskSpec> Read(YamlFields f, PathResolver paths, YamlMappingNode root, Func<string> defaultLanguageDType, Func<string?>? defaultModel = null)
    {
        var list = f.Sequence(root, "tasks", "", required: true);
        var tasks = new List<TaskSpec>();
        for (int i = 0; i < (list?.Children.Count ?? 0); i++)
        {
            string field = $"tasks[{i}]";
            if (list!.Children[i] is not YamlMappingNode map) { f.Problems.Add($"{field}: expected a mapping."); continue; }
            if (Task(f, paths, map, field, defaultLanguageDType, defaultModel) is { } task) tasks.Add(task);
        }
        if (list is not null && list.Children.Count == 0) f.Problems.Add("tasks: list at least one task.");
        foreach (var dup in tasks.GroupBy(t => t.Name).Where(g => g.Count() > 1))
            f.Problems.Add($"tasks: the name '{dup.Key}' is used {dup.Count()} times.");
        if (tasks.Any(t => t.Name == ObjectiveNames.WeightedSum))
            f.Problems.Add($"tasks: '{ObjectiveNames.WeightedSum}' is the name of the weighted-sum objective; rename the task.");
        return tasks;
    }

    static TaskSpec? Task(YamlFields f, PathResolver paths, YamlMappingNode map, string field, Func<string> defaultLanguageDType, Func<string?>? defaultModel)
    {
        f.RejectUnknown(map, field, [.. CommonFields, .. TaskKindRegistry.AllFields]);
        string? name = f.String(map, "name", field, required: true);
        if (name is not null && (name.Contains('.') || name.Contains(',') || name.Any(char.IsWhiteSpace)))
            f.Problems.Add($"{field}.name: '{name}' appears in column names; use no dots, commas or spaces.");
        string? evaluatorText = f.String(map, "evaluator", field, required: true);
        TaskKind? kind = null;
        if (evaluatorText is not null && !TaskKindRegistry.TryGet(evaluatorText, out kind))
            f.Problems.Add($"{field}.evaluator: {TaskKindRegistry.UnknownName(evaluatorText)}");

        var metrics = f.Strings(map, "metrics", field);
        string? metric = f.String(map, "metric", field, required: metrics.Count == 0) ?? metrics.FirstOrDefault();
        if (metric is not null && metrics.Count > 0 && !metrics.Contains(metric))
            f.Problems.Add($"{field}.metric: '{metric}' must be one of metrics ({string.Join(", ", metrics)}); the metric decides, the others break its ties.");
        foreach (var dup in metrics.GroupBy(m => m).Where(g => g.Count() > 1))
            f.Problems.Add($"{field}.metrics: '{dup.Key}' is listed {dup.Count()} times.");
        IReadOnlyList<string> recorded = metrics.Count > 0 ? metrics : metric is null ? [] : [metric];

        string? role = f.String(map, "objective", field);
        if (role is not null and not ("weighted" or "own"))
            f.Problems.Add($"{field}.objective: '{role}' is not weighted (part of the weighted sum) or own (an objective of its own).");
        double weight = f.Number(map, "weight", field) ?? 1.0;
        if (!(weight > 0)) f.Problems.Add($"{field}.weight: must be positive.");
        if (role == "own" && YamlFields.Get(map, "weight") is not null)
            f.Problems.Add($"{field}.weight: only tasks in the weighted sum (objective: weighted) have a weight.");

        string? data = paths.ExistingFile(f.String(map, "data", field, required: kind?.NeedsData ?? true), $"{field}.data");
        string? testData = paths.ExistingFile(f.String(map, "test_data", field), $"{field}.test_data");
        if (kind is not null)
            foreach (var key in TaskKindRegistry.AllFields.Where(k => !kind.Fields.Contains(k) && YamlFields.Get(map, k) is not null))
                f.Problems.Add($"{field}.{key}: only for evaluator {string.Join(" or ", TaskKindRegistry.Kinds.Where(k => k.Fields.Contains(key)).Select(k => k.Name))}.");
        var reading = new TaskReading(f, map, field, data, testData, recorded, metrics.Count > 0,
                                      paths.ExistingFile, (path, at) => paths.ExistingModel(path, at, out _), defaultLanguageDType, defaultModel);
        object? settings = kind?.Read(reading);

        if (name is null || kind is null || metric is null || settings is null) return null;
        return new TaskSpec
        {
            Name = name,
            Kind = kind,
            Settings = settings,
            Data = data,
            TestData = testData,
            Label = f.String(map, "label", field) ?? "label",
            Metric = metric,
            Role = role == "own" ? TaskRole.Objective : TaskRole.WeightedSum,
            Weight = weight,
            Metrics = metrics.Count > 0 ? metrics : null,
        };
    }
}
