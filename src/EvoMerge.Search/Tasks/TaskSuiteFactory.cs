using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Data;
using EvoMerge.Evaluation.External;
using EvoMerge.Evaluation.Onnx;
using EvoMerge.Search.Config;

namespace EvoMerge.Search.Tasks;

/// <summary>Which data a suite scores: the fitness data that drives selection, or the test data reported at the end.</summary>
public enum TaskSplit { Fitness, Test }

/// <summary>
/// Opens every task's evaluator and data (once per run). Problems that would fail every evaluation (an
/// unreadable data file, an ONNX model that cannot load) are collected for all tasks and thrown together
/// as a <see cref="SearchConfigException"/> before the run starts.
/// </summary>
public static class TaskSuiteFactory
{
    public static TaskSuite Create(SearchConfig config, TaskSplit split, string scratchRoot, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var evaluators = new List<TaskEvaluator>();
        try
        {
            foreach (var task in config.Tasks)
            {
                string? dataPath = split == TaskSplit.Fitness ? task.Data : task.TestData;
                if (split == TaskSplit.Test && dataPath is null) continue;
                try
                {
                    // Only fitness is cheapened: test data is always scored in full.
                    var subset = split == TaskSplit.Fitness && config.Fitness.Examples is int n ? new FitnessSubset(n, config.Seed, task.Name) : null;
                    evaluators.Add(Open(config, task, dataPath, scratchRoot, log, subset));
                }
                catch (Exception e) when (e is TaskDataException or FatalEvaluationException or ArgumentException or IOException or FormatException
                                              or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidDataException or DirectoryNotFoundException or FileNotFoundException)
                {
                    problems.Add($"tasks.{task.Name}: {e.Message}");
                }
            }
            if (problems.Count > 0) throw new SearchConfigException(config.Name, problems);
            return new TaskSuite(evaluators);
        }
        catch
        {
            foreach (var e in evaluators) e.Evaluator.Dispose();
            throw;
        }
    }

    static TaskData Subset(TaskData data, FitnessSubset? subset) =>
        subset is null ? data : data.Select(subset with { Labels = data.Labels.ToArray() });

    static TaskEvaluator Open(SearchConfig config, TaskSpec task, string? dataPath, string scratchRoot, Action<string>? log, FitnessSubset? subset)
    {
        var dataOptions = new TaskDataOptions { LabelColumn = task.Label };
        switch (task.Evaluator)
        {
            case EvaluatorKind.Classifier:
                return ClassifierTask.Open(config, task, Subset(TaskDataFiles.Load(dataPath!, dataOptions), subset));
            case EvaluatorKind.Language:
                return LanguageTask.Open(config, task, dataPath!, config.Device == "cpu" ? TorchSharp.torch.CPU : new TorchSharp.torch.Device(config.Device), subset);
            case EvaluatorKind.Onnx:
            {
                var data = Subset(TaskDataFiles.Load(dataPath!, dataOptions), subset);
                var onnx = new OnnxClassifierEvaluator(new OnnxClassifierOptions
                {
                    ModelPath = task.OnnxModel!,
                    Data = data,
                    Name = task.Name,
                    Metrics = task.RecordedMetrics,
                    ScoreMetric = task.Metric,
                    Provider = config.Device == "cpu" ? ExecutionProviderChoice.Cpu : ExecutionProviderChoice.CudaIfAvailable,
                    Log = log,
                });
                return new TaskEvaluator(task, onnx, task.RecordedMetrics, data.RowCount, onnx.FindProblems);
            }
            case EvaluatorKind.Command:
            {
                var metrics = task.RecordedMetrics;
                var command = new ExternalCommandEvaluator(new ExternalCommandOptions
                {
                    Command = task.Command,
                    Arguments = task.CommandArguments,
                    Metrics = metrics,
                    Timeout = task.Timeout,
                    Name = task.Name,
                    DataFile = dataPath,
                    BaseModelFolder = config.Models.Base?.Path is { } b && Directory.Exists(b) ? b : null,
                    ScratchRoot = scratchRoot,
                    Log = log,
                });
                return new TaskEvaluator(task, command, metrics, 0);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(task), task.Evaluator, "unknown evaluator kind");
        }
    }
}
