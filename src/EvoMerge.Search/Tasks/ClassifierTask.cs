using EvoMerge.Evaluation.Builtin;
using EvoMerge.Evaluation.Data;
using EvoMerge.Models.Mlp;
using EvoMerge.Search.Config;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// The built-in classifier task: the MLP described by an architecture.json (the task's own, else the one
/// beside the base model, else beside the first expert) scored on the task's data.
/// </summary>
internal static class ClassifierTask
{
    public static TaskEvaluator Open(SearchConfig config, TaskSpec task, TaskData data)
    {
        string architecture = ArchitectureFile(config, task)
            ?? throw new ArgumentException($"architecture: no {MlpArchitecture.FileName} beside the base model or the first expert; give its path (architecture: ...).");
        var evaluator = new BuiltinClassifierEvaluator(new BuiltinClassifierOptions
        {
            ArchitecturePath = architecture,
            Data = data,
            Name = task.Name,
            Metrics = task.RecordedMetrics,
            ScoreMetric = task.Metric,
        });
        return new TaskEvaluator(task, evaluator, task.RecordedMetrics, data.RowCount, evaluator.FindProblems);
    }

    /// <summary>The task's architecture.json: its own, else the one beside the base model, else beside the first expert.</summary>
    public static string? ArchitectureFile(SearchConfig config, TaskSpec task) => task.Architecture ?? FindArchitecture(config);

    static string? FindArchitecture(SearchConfig config)
    {
        foreach (var model in new[] { config.Models.Base, config.Models.Experts[0] })
        {
            if (model is null) continue;
            string folder = Directory.Exists(model.Path) ? model.Path : Path.GetDirectoryName(model.Path)!;
            string candidate = Path.Combine(folder, MlpArchitecture.FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
