using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EvoMerge.Search.Tasks.Onnx;

/// <summary>
/// An ONNX classifier (<c>evaluator: onnx</c>): the task's model file with the merged tensors put in as its
/// initializers, scored on the task's data with the CPU or CUDA provider.
/// </summary>
public sealed class OnnxTaskKind : TaskKind
{
    const string ModelField = "model";

    public override string Name => "onnx";

    public override TaskKindCapabilities Capabilities { get; } = new(ChecksTensorSpecs: true, ScoresModelView: false, PerExampleScores: true, ScoresSubsets: true);

    public override IReadOnlyList<string> Fields { get; } = [ModelField];

    internal override object? Read(TaskReading reading)
    {
        CheckRegistryMetrics(reading);
        string? model = reading.ExistingFile(reading.Fields.String(reading.Map, ModelField, reading.Field, required: true), reading.Path(ModelField));
        return model is null ? null : new OnnxTaskSettings(model);
    }

    public override IReadOnlyList<TaskField> Write(object settings) => [new TaskField(ModelField, Quote(((OnnxTaskSettings)settings).Model))];

    public override IEnumerable<string?> InputFiles(object settings) => [((OnnxTaskSettings)settings).Model];

    public override TaskEvaluator Open(TaskOpening opening)
    {
        var task = opening.Task;
        var data = opening.Select(TaskDataFiles.Load(opening.DataPath!, new TaskDataOptions { LabelColumn = task.Label }));
        try
        {
            var onnx = new OnnxClassifierEvaluator(new OnnxClassifierOptions
            {
                ModelPath = task.SettingsAs<OnnxTaskSettings>().Model,
                Data = data,
                Name = task.Name,
                Metrics = task.RecordedMetrics,
                ScoreMetric = task.Metric,
                Provider = opening.Device == "cpu" ? ExecutionProviderChoice.Cpu : ExecutionProviderChoice.CudaIfAvailable,
                Log = opening.Log,
            });
            return new TaskEvaluator(task, onnx, task.RecordedMetrics, data.RowCount, onnx.FindProblems);
        }
        catch (OnnxRuntimeException e)
        {
            // ONNX Runtime's own type stays here: the suite knows only the kinds' documented exceptions.
            throw new InvalidDataException(e.Message, e);
        }
    }
}
