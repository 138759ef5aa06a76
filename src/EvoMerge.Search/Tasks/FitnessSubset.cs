using EvoMerge.Core.Randomness;
using EvoMerge.Evaluation.Data;
using EvoMerge.Fitness.Subsets;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// <c>fitness: {examples: N}</c> for one task: the same N rows for every candidate (common random
/// numbers), drawn from the run seed and the task name and stratified by label where the rows have
/// integer labels (<see cref="FixedSubset"/>). A task with N rows or fewer keeps them all.
/// </summary>
public sealed record FitnessSubset(int Size, ulong RunSeed, string TaskName, IReadOnlyList<double>? Labels = null) : RowSelection
{
    public override IReadOnlyList<int> PickRows(int rowCount, string source)
    {
        var labels = Labels is { } l && l.Count == rowCount && l.All(v => v == Math.Floor(v) && Math.Abs(v) < int.MaxValue)
            ? l.Select(v => (int)v).ToArray()
            : null;
        return FixedSubset.Draw(rowCount, new Rng(SeedFor(RunSeed, TaskName)), labels).Take(Size);
    }

    public override string Describe() => $"fitness subset of {Size} (seed {RunSeed}, task {TaskName})";

    /// <summary>The run seed mixed with an FNV-1a hash of the task name, so each task draws its own rows.</summary>
    static ulong SeedFor(ulong runSeed, string taskName)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in taskName)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return runSeed ^ hash;
    }
}
