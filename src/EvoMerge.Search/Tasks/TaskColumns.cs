namespace EvoMerge.Search.Tasks;

/// <summary>The CSV column of one task's metric: <c>task.&lt;task&gt;.&lt;metric&gt;</c>.</summary>
public static class TaskColumns
{
    public static string Metric(string task, string metric) => $"task.{task}.{metric}";
}
