using EvoMerge.Search.Tasks;

namespace EvoMerge.Search.Config;

/// <summary>
/// The objectives a task list defines, as the config checks need them: one <see cref="WeightedSum"/> for the
/// tasks in the weighted sum, then one per task with <c>objective: own</c>. Here rather than in Objectives/
/// so the config does not depend on the code that computes objective values.
/// </summary>
public static class ObjectiveNames
{
    public const string WeightedSum = "weighted_sum";

    public static IReadOnlyList<string> Of(IReadOnlyList<TaskSpec> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var names = new List<string>();
        if (tasks.Any(t => t.Role == TaskRole.WeightedSum)) names.Add(WeightedSum);
        names.AddRange(tasks.Where(t => t.Role == TaskRole.Objective).Select(t => t.Name));
        return names;
    }
}
