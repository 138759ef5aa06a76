using EvoMerge.Evaluation.External;
using EvoMerge.Search.Yaml;
using YamlDotNet.RepresentationModel;

namespace EvoMerge.Search.Config;

/// <summary>
/// <c>tasks: [{name, evaluator: classifier|onnx|command|language, data, test_data, label, metric, metrics,
/// objective: weighted|own, weight, architecture, model, command, timeout}]</c>. <c>metrics</c> lists every metric
/// recorded; <c>metric</c> (default: the first of them) decides, the others break its ties in their order.
/// </summary>
internal static class TasksSection
{
    static readonly string[] Fields =
        ["name", "evaluator", "data", "test_data", "label", "metric", "objective", "weight", "architecture", "model", "command", "metrics", "timeout",
         .. LanguageTaskSection.Fields];

    /// <param name="defaultLanguageDType">The dtype of language tasks that give none (the checkpoint's own).</param>
    public static IReadOnlyList<TaskSpec> Read(YamlFields f, PathResolver paths, YamlMappingNode root, Func<string> defaultLanguageDType)
    {
        var list = f.Sequence(root, "tasks", "", required: true);
        var tasks = new List<TaskSpec>();
        for (int i = 0; i < (list?.Children.Count ?? 0); i++)
        {
            string field = $"tasks[{i}]";
            if (list!.Children[i] is not YamlMappingNode map) { f.Problems.Add($"{field}: expected a mapping."); continue; }
            if (Task(f, paths, map, field, defaultLanguageDType) is { } task) tasks.Add(task);
        }
        if (list is not null && list.Children.Count == 0) f.Problems.Add("tasks: list at least one task.");
        foreach (var dup in tasks.GroupBy(t => t.Name).Where(g => g.Count() > 1))
            f.Problems.Add($"tasks: the name '{dup.Key}' is used {dup.Count()} times.");
        if (tasks.Any(t => t.Name == ObjectiveNames.WeightedSum))
            f.Problems.Add($"tasks: '{ObjectiveNames.WeightedSum}' is the name of the weighted-sum objective; rename the task.");
        return tasks;
    }

    /// <summary><c>command</c>: a shell command line, or a list (program and arguments) that runs without a shell.</summary>
    static (string? Line, IReadOnlyList<string>? Arguments) Command(YamlFields f, YamlMappingNode map, string field, bool required)
    {
        if (YamlFields.Get(map, "command") is YamlSequenceNode)
        {
            var arguments = f.Strings(map, "command", field);
            if (arguments.Count == 0) f.Problems.Add($"{field}.command: the list must start with the program to run.");
            return (null, arguments);
        }
        string? line = f.String(map, "command", field, required);
        if (line is not null)
            foreach (var problem in CommandLineCheck.QuotedPlaceholders(line))
                f.Problems.Add($"{field}.command: {problem}");
        return (line, null);
    }

    static TaskSpec? Task(YamlFields f, PathResolver paths, YamlMappingNode map, string field, Func<string> defaultLanguageDType)
    {
        f.RejectUnknown(map, field, Fields);
        string? name = f.String(map, "name", field, required: true);
        if (name is not null && (name.Contains('.') || name.Contains(',') || name.Any(char.IsWhiteSpace)))
            f.Problems.Add($"{field}.name: '{name}' appears in column names; use no dots, commas or spaces.");
        string? evaluatorText = f.String(map, "evaluator", field, required: true);
        EvaluatorKind? evaluator = evaluatorText switch
        {
            "classifier" => EvaluatorKind.Classifier,
            "onnx" => EvaluatorKind.Onnx,
            "command" => EvaluatorKind.Command,
            "language" => EvaluatorKind.Language,
            null => null,
            _ => null,
        };
        if (evaluatorText is not null && evaluator is null)
            f.Problems.Add($"{field}.evaluator: unknown evaluator '{evaluatorText}'; valid: classifier, onnx, command, language.");

        var metrics = f.Strings(map, "metrics", field);
        string? metric = f.String(map, "metric", field, required: metrics.Count == 0) ?? metrics.FirstOrDefault();
        if (metric is not null && metrics.Count > 0 && !metrics.Contains(metric))
            f.Problems.Add($"{field}.metric: '{metric}' must be one of metrics ({string.Join(", ", metrics)}); the metric decides, the others break its ties.");
        foreach (var dup in metrics.GroupBy(m => m).Where(g => g.Count() > 1))
            f.Problems.Add($"{field}.metrics: '{dup.Key}' is listed {dup.Count()} times.");
        IReadOnlyList<string> recorded = metrics.Count > 0 ? metrics : metric is null ? [] : [metric];
        if (evaluator is EvaluatorKind.Classifier or EvaluatorKind.Onnx)
            foreach (var unknown in recorded.Where(m => !SearchConfigParser.IsKnownMetric(m)))
                f.Problems.Add($"{field}.{(metrics.Count > 0 ? "metrics" : "metric")}: unknown metric '{unknown}'; valid: {string.Join(", ", Evaluation.Metrics.MetricRegistry.Names)}.");

        string? role = f.String(map, "objective", field);
        if (role is not null and not ("weighted" or "own"))
            f.Problems.Add($"{field}.objective: '{role}' is not weighted (part of the weighted sum) or own (an objective of its own).");
        double weight = f.Number(map, "weight", field) ?? 1.0;
        if (!(weight > 0)) f.Problems.Add($"{field}.weight: must be positive.");
        if (role == "own" && YamlFields.Get(map, "weight") is not null)
            f.Problems.Add($"{field}.weight: only tasks in the weighted sum (objective: weighted) have a weight.");

        string? data = paths.ExistingFile(f.String(map, "data", field, required: evaluator is not EvaluatorKind.Command), $"{field}.data");
        string? testData = paths.ExistingFile(f.String(map, "test_data", field), $"{field}.test_data");
        string? architecture = paths.ExistingFile(f.String(map, "architecture", field), $"{field}.architecture");
        string? onnx = paths.ExistingFile(f.String(map, "model", field, required: evaluator is EvaluatorKind.Onnx), $"{field}.model");
        var (command, commandArguments) = Command(f, map, field, required: evaluator is EvaluatorKind.Command);
        TimeSpan timeout = f.Duration(map, "timeout", field) ?? TimeSpan.FromMinutes(30);
        foreach (var (key, allowed) in new[] { ("architecture", EvaluatorKind.Classifier), ("model", EvaluatorKind.Onnx), ("command", EvaluatorKind.Command) })
            if (evaluator is not null && evaluator != allowed && YamlFields.Get(map, key) is not null)
                f.Problems.Add($"{field}.{key}: only for evaluator {allowed.ToString().ToLowerInvariant()}.");
        LanguageTaskSpec? language = null;
        if (evaluator is EvaluatorKind.Language) language = LanguageTaskSection.Read(f, paths, map, field, recorded, defaultLanguageDType);
        else
            foreach (var key in LanguageTaskSection.Fields.Where(k => YamlFields.Get(map, k) is not null))
                f.Problems.Add($"{field}.{key}: only for evaluator language.");
        bool usesData = command?.Contains(CommandLineCheck.DataPlaceholder, StringComparison.Ordinal)
                        ?? commandArguments?.Any(a => a.Contains(CommandLineCheck.DataPlaceholder, StringComparison.Ordinal)) ?? false;
        if (evaluator is EvaluatorKind.Command && testData is not null && !usesData)
            f.Problems.Add($"{field}.test_data: the command gets the test file through {CommandLineCheck.DataPlaceholder}; put {CommandLineCheck.DataPlaceholder} where the command takes its data file.");
        if (evaluator is EvaluatorKind.Command && usesData && data is null)
            f.Problems.Add($"{field}.data: the command uses {CommandLineCheck.DataPlaceholder}; give the data file its fitness scores come from.");

        if (name is null || evaluator is null || metric is null || (evaluator is EvaluatorKind.Language && language is null)) return null;
        return new TaskSpec
        {
            Name = name,
            Evaluator = evaluator.Value,
            Data = data,
            TestData = testData,
            Label = f.String(map, "label", field) ?? "label",
            Metric = metric,
            Role = role == "own" ? TaskRole.Objective : TaskRole.WeightedSum,
            Weight = weight,
            Architecture = architecture,
            OnnxModel = onnx,
            Command = command,
            CommandArguments = commandArguments,
            Metrics = metrics.Count > 0 ? metrics : null,
            Timeout = timeout,
            Language = language,
        };
    }
}
