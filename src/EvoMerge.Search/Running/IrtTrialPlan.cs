using EvoMerge.Fitness.Irt;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Running;

/// <summary>
/// What one trial of an <c>estimator: irt</c> run is scored on (per task, its anchors) and how its anchor
/// answers become its metrics (per task, the estimate and its standard error).
/// </summary>
internal sealed class IrtTrialPlan(IReadOnlyList<TaskSpec> tasks, int[][] anchors, Func<IReadOnlyList<double>, AccuracyEstimate>[] estimators)
{
    /// <summary>Per task (config order), the anchor examples: ascending indices into its fitness examples.</summary>
    public int[][] Anchors { get; } = anchors;

    public int AnchorCount { get; } = anchors.Sum(a => a.Length);

    /// <summary>
    /// The metric columns of a trial scored on the anchors (<paramref name="anchorScores"/>: every task's anchor
    /// answers, config order): each task's metric is its estimate, with the standard error beside it.
    /// </summary>
    public Dictionary<string, double> EstimatedMetrics(IReadOnlyList<double> anchorScores)
    {
        if (anchorScores.Count != AnchorCount)
            throw new ArgumentException($"got {anchorScores.Count} anchor scores for {AnchorCount} anchors.", nameof(anchorScores));
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        int offset = 0;
        for (int t = 0; t < tasks.Count; t++)
        {
            int k = Anchors[t].Length;
            var estimate = estimators[t]([.. anchorScores.Skip(offset).Take(k)]);
            metrics[TaskColumns.Metric(tasks[t].Name, tasks[t].Metric)] = estimate.Value;
            metrics[IrtCalibration.StandardErrorColumn(tasks[t])] = estimate.StandardError;
            offset += k;
        }
        return metrics;
    }
}
