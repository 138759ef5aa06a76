using EvoMerge.Runs.Storage;
using EvoMerge.Runs.Storage.Schema;
using EvoMerge.Search.Config;
using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Objectives;

/// <summary>
/// Turns task metrics into objective values. Tasks in the weighted sum feed one objective,
/// <see cref="WeightedSumName"/> = sum(w_i m_i) / sum(w_i), listed first; every task with
/// <c>objective: own</c> is an objective named after the task. Every metric is "higher is better"
/// (accuracy, neg_log_loss, neg_mse, and by convention a command's metrics), so every objective is
/// maximized; the run loop negates them for the optimizers, which minimize.
/// </summary>
public sealed class ObjectiveSet
{
    public const string WeightedSumName = ObjectiveNames.WeightedSum;

    readonly IReadOnlyList<TaskSpec> _weighted;
    readonly IReadOnlyList<TaskSpec> _own;

    public ObjectiveSet(IReadOnlyList<TaskSpec> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        _weighted = tasks.Where(t => t.Role == TaskRole.WeightedSum).ToList();
        _own = tasks.Where(t => t.Role == TaskRole.Objective).ToList();
        Names = ObjectiveNames.Of(tasks);
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>
    /// The objectives with their tie-breakers: a task's other metrics (<c>metrics:</c> after the deciding one); for
    /// the weighted sum those of its tasks in task order.
    /// </summary>
    public IReadOnlyList<ObjectiveInfo> Infos
    {
        get
        {
            static IReadOnlyList<string> TieBreak(IEnumerable<TaskSpec> tasks) =>
                tasks.SelectMany(t => t.TieBreakMetrics.Select(m => MetricColumn(t.Name, m))).ToList();
            var infos = new List<ObjectiveInfo>();
            if (_weighted.Count > 0) infos.Add(new ObjectiveInfo(WeightedSumName, Maximize: true) { TieBreak = TieBreak(_weighted) });
            infos.AddRange(_own.Select(t => new ObjectiveInfo(t.Name, Maximize: true) { TieBreak = TieBreak([t]) }));
            return infos;
        }
    }

    public static int CountFor(IReadOnlyList<TaskSpec> tasks) => new ObjectiveSet(tasks).Count;

    /// <summary>The column of a task's metric in trials.csv.</summary>
    public static string MetricColumn(string task, string metric) => TaskColumns.Metric(task, metric);

    /// <summary>Objective values (natural sense) from metric columns; every task's metric must be present.</summary>
    public double[] Compute(IReadOnlyDictionary<string, double> metricColumns)
    {
        double Metric(TaskSpec t) => metricColumns.TryGetValue(MetricColumn(t.Name, t.Metric), out double v)
            ? v
            : throw new InvalidOperationException($"task '{t.Name}' returned no '{t.Metric}' metric.");
        var values = new List<double>(Count);
        if (_weighted.Count > 0)
            values.Add(_weighted.Sum(t => t.Weight * Metric(t)) / _weighted.Sum(t => t.Weight));
        values.AddRange(_own.Select(Metric));
        return values.ToArray();
    }

    /// <summary>What the optimizers minimize.</summary>
    public static double[] ForOptimizer(IReadOnlyList<double> natural) => natural.Select(v => -v).ToArray();
}
