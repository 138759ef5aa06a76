using EvoMerge.Evaluation.Builtin;
using EvoMerge.Evaluation.Data;
using EvoMerge.Models.Mlp;

namespace EvoMerge.Search.Tasks.Classifier;

/// <summary>
/// The built-in classifier (<c>evaluator: classifier</c>): the MLP described by an architecture.json (the task's
/// own, else the one beside the base model, else beside the first expert) scored on the task's data.
/// </summary>
public sealed class ClassifierTaskKind : TaskKind
{
    const string ArchitectureField = "architecture";

    public override string Name => "classifier";

    public override TaskKindCapabilities Capabilities { get; } = new(ChecksTensorSpecs: true, ScoresModelView: false, PerExampleScores: true, ScoresSubsets: true);

    public override IReadOnlyList<string> Fields { get; } = [ArchitectureField];

    internal override object? Read(TaskReading reading)
    {
        CheckRegistryMetrics(reading);
        string path = reading.Path(ArchitectureField);
        return new ClassifierTaskSettings(reading.ExistingFile(reading.Fields.String(reading.Map, ArchitectureField, reading.Field), path));
    }

    public override IReadOnlyList<TaskField> Write(object settings) =>
        ((ClassifierTaskSettings)settings).Architecture is { } a ? [new TaskField(ArchitectureField, Quote(a))] : [];

    public override TaskEvaluator Open(TaskOpening opening)
    {
        var task = opening.Task;
        var data = opening.Select(TaskDataFiles.Load(opening.DataPath!, new TaskDataOptions { LabelColumn = task.Label }));
        string architecture = ArchitectureFile(task, opening.BaseModelPath, opening.FirstExpertPath)
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

    /// <summary>The architecture.json of a classifier task: its own, else the one beside the base model, else beside the first expert; null for other kinds.</summary>
    public static string? ArchitectureFile(TaskSpec task, string? baseModelPath, string firstExpertPath)
    {
        if (task.Settings is not ClassifierTaskSettings settings) return null;
        if (settings.Architecture is not null) return settings.Architecture;
        foreach (var model in new[] { baseModelPath, firstExpertPath })
        {
            if (model is null) continue;
            string folder = Directory.Exists(model) ? model : Path.GetDirectoryName(model)!;
            string candidate = Path.Combine(folder, MlpArchitecture.FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
