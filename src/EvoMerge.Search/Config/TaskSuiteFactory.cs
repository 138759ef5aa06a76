using EvoMerge.Evaluation;
using EvoMerge.Evaluation.Contracts;
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
                                   IReadOnlyDictionary<string, string>? commandEnvironment = null) =>
        Create(config, split, scratchRoot, log, null, null, null, commandEnvironment);

    /// <summary>
    /// The fitness tasks on one race slice: positions <c>[from, to)</c> of each task's seeded order, given the
    /// task sizes of the whole fitness set (<paramref name="taskExamples"/>, in task order); tasks with no
    /// example in the slice are left out. <paramref name="commandEnvironment"/>: the slot's, as for the full fitness
    /// tasks (racing refuses command tasks today, but an in-process evaluator may read the slot's device too).
    /// </summary>
    public static TaskSuite CreateSlice(SearchConfig config, string scratchRoot, Action<string>? log, FitnessSlice slice, IReadOnlyList<int> taskExamples,
                                        IReadOnlyDictionary<string, string>? commandEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(slice);
        return Create(config, TaskSplit.Fitness, scratchRoot, log, slice, taskExamples, null, commandEnvironment);
    }

    /// <summary>
    /// The fitness tasks on their anchor examples (<paramref name="anchors"/>: per task, ascending indices into its
    /// fitness examples), with the slot's <paramref name="commandEnvironment"/> as the full fitness tasks have it.
    /// </summary>
    public static TaskSuite CreateAnchored(SearchConfig config, string scratchRoot, Action<string>? log, IReadOnlyList<int[]> anchors,
                                           IReadOnlyDictionary<string, string>? commandEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        return Create(config, TaskSplit.Fitness, scratchRoot, log, null, null, anchors, commandEnvironment);
    }

    static TaskSuite Create(SearchConfig config, TaskSplit split, string scratchRoot, Action<string>? log, FitnessSlice? slice, IReadOnlyList<int>? taskExamples,
                            IReadOnlyList<int[]>? anchors = null, IReadOnlyDictionary<string, string>? commandEnvironment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new List<string>();
        var evaluators = new List<TaskEvaluator>();
        try
        {
            for (int t = 0; t < config.Tasks.Count; t++)
            {
                var task = config.Tasks[t];
                string? dataPath = split == TaskSplit.Fitness ? task.Data : task.TestData;
                if (split == TaskSplit.Test && dataPath is null) continue;
                if (slice is not null && slice.LengthFor(taskExamples![t]) == 0) continue;
                try
                {
                    // Only fitness is cheapened: test data is always scored in full.
                    var subset = slice is not null ? new FitnessSubset(Math.Min(slice.To, taskExamples![t]), config.Seed, task.Name, From: slice.From)
                        : anchors is not null ? new FitnessSubset(config.Fitness.Examples ?? int.MaxValue, config.Seed, task.Name, Picks: anchors[t])
                        : split == TaskSplit.Fitness && config.Fitness.Examples is int n ? new FitnessSubset(n, config.Seed, task.Name)
                        : null;
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
