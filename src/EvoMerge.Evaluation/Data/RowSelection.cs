namespace EvoMerge.Evaluation.Data;

/// <summary>
/// Which rows of a data file a task uses: a fixed range (<see cref="RowRange"/>) or one part of a seeded random
/// split (<see cref="RandomSplit"/>), so that fitness reads a validation split and reports read a test split.
/// Selections compose: <c>data.Select(range).Select(split)</c>.
/// </summary>
public abstract record RowSelection
{
    /// <summary>The chosen 0-based row indices, ascending; <paramref name="source"/> only names the data in errors.</summary>
    public abstract IReadOnlyList<int> PickRows(int rowCount, string source);

    /// <summary>Short text such as "rows 0-1149" or "split 0.2 seed 42 first".</summary>
    public abstract string Describe();
}
