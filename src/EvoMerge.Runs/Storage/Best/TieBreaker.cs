namespace EvoMerge.Runs.Storage.Best;

/// <summary>
/// Orders two trials that tie on an objective by the objective's tie-break metrics (<see cref="ObjectiveInfo.TieBreak"/>,
/// higher is better, first one first). Without it, a plateau of equal validation scores (common with accuracy on a
/// small dev set) would make "best" whichever trial came first.
/// </summary>
internal static class TieBreaker
{
    /// <summary>Positive when <paramref name="a"/> is better, negative when <paramref name="b"/> is, 0 when they still tie.</summary>
    public static int Compare(IReadOnlyList<string> tieBreak, IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        ArgumentNullException.ThrowIfNull(tieBreak);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var column in tieBreak)
        {
            int order = Value(a, column).CompareTo(Value(b, column));
            if (order != 0) return order;
        }
        return 0;
    }

    /// <summary>A missing or non-finite value ranks below every real one.</summary>
    static double Value(IReadOnlyDictionary<string, double> metrics, string column) =>
        metrics.TryGetValue(column, out double v) && double.IsFinite(v) ? v : double.NegativeInfinity;
}
