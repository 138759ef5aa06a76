using EvoMerge.Core.Randomness;
using EvoMerge.Evaluation.Data;
using EvoMerge.Fitness.Subsets;

namespace EvoMerge.Search.Tasks;

/// <summary>
/// <c>fitness: {examples: N}</c> for one task: the same N rows for every candidate (common random
/// numbers), drawn from the run seed and the task name and stratified by label where the rows have
/// integer labels (<see cref="FixedSubset"/>). A task with N rows or fewer keeps them all. With
/// <see cref="From"/>, only positions <c>[From, Size)</c> of that seeded order: one slice of a race
/// (<c>fitness.racing</c>), whose slices together are the first <see cref="Size"/> rows. With
/// <see cref="Picks"/>, only those indices (ascending) of the rows chosen so far: the anchor examples of
/// <c>estimator: irt</c>.
/// </summary>
public sealed record FitnessSubset(int Size, ulong RunSeed, string TaskName, IReadOnlyList<double>? Labels = null, int From = 0,
                                   IReadOnlyList<int>? Picks = null) : RowSelection
{
    public override IReadOnlyList<int> PickRows(int rowCount, string source)
    {
        var rows = SubsetRows(rowCount);
        if (Picks is null) return rows;
        if (Picks.Any(i => i < 0 || i >= rows.Count))
            throw new ArgumentException($"{source}: an anchor example index is outside the {rows.Count} fitness examples; the calibration does not match this data.");
        return [.. Picks.Select(i => rows[i])];
    }

    IReadOnlyList<int> SubsetRows(int rowCount)
    {
        var labels = Labels is { } l && l.Count == rowCount && l.All(v => v == Math.Floor(v) && Math.Abs(v) < int.MaxValue)
            ? l.Select(v => (int)v).ToArray()
            : null;
        var subset = FixedSubset.Draw(rowCount, new Rng(SeedFor(RunSeed, TaskName)), labels);
        if (From == 0) return subset.Take(Size);
        var rows = subset.Order.Skip(From).Take(Math.Max(0, Size - From)).ToArray();
        Array.Sort(rows);
        return rows;
    }

    public override string Describe() => Picks is not null
        ? $"{Picks.Count} anchor examples (seed {RunSeed}, task {TaskName})"
        : From == 0
        ? $"fitness subset of {Size} (seed {RunSeed}, task {TaskName})"
        : $"fitness positions {From}-{Size - 1} (seed {RunSeed}, task {TaskName})";

    /// <summary>The run seed mixed with a hash of the task name, so each task draws its own rows.</summary>
    /// <remarks>
    /// Not <see cref="SeedMix.ForName"/>: this unfinalized mix is what existing runs drew their rows (and IRT
    /// anchors) with, and a resumed run must score the same rows; <see cref="Rng"/> expands it with SplitMix64.
    /// </remarks>
    internal static ulong SeedFor(ulong runSeed, string taskName) => runSeed ^ SeedMix.NameHash(taskName);
}
