namespace EvoMerge.Search.Tasks;

/// <summary>
/// Positions <c>[From, To)</c> of each fitness task's seeded example order (the order <c>fitness.examples</c>
/// takes its first rows from): one slice of a race. A task with fewer examples than <see cref="To"/> gives
/// those it has; one with <see cref="From"/> or fewer gives none.
/// </summary>
public sealed record FitnessSlice(int From, int To)
{
    /// <summary>How many of a task's <paramref name="taskExamples"/> examples fall in the slice.</summary>
    public int LengthFor(int taskExamples) => Math.Max(0, Math.Min(To, taskExamples) - From);
}
