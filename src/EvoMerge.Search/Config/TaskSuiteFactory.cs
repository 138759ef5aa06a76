using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Data;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Config;

/// <summary>
/// Opens every task of a config through its evaluator kind (once per run). Problems that would fail every
/// evaluation (an unreadable data file, a model that cannot load) are collected for all tasks and thrown
/// together as a <see cref="SearchConfigException"/> before the run starts.
/// </summary>
public static class TaskSuiteFactory
{
    /// <param name="commandEnvironment">Variables set for the external commands of <c>command</c> tasks (a farm slot's devices and threads).</param>
    public static TaskSuite Create(SearchConfig config, TaskSplit split, string scratchRoot, Action<string>? log = null,
                                   IReadOnlyDictionary<string, string>? commandEnvironment = null)
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
                    evaluators.Add(task.Kind.Open(new TaskOpening(task, dataPath, config.Models.Base?.Path, config.Models.Experts[0].Path,
                                                                  config.Device, scratchRoot, log, subset, commandEnvironment)));
                }
                catch (Exception e) when (e is TaskDataException or FatalEvaluationException or ArgumentException or IOException or FormatException
                                              or InvalidDataException or DirectoryNotFoundException or FileNotFoundException)
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
}
