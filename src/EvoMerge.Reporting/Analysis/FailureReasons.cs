namespace EvoMerge.Reporting.Analysis;

/// <summary>The most frequent failure reasons of a run, by their first line (stack traces and details vary).</summary>
internal static class FailureReasons
{
    private const int MaxLength = 100;

    public static IReadOnlyList<(string Reason, int Count)> MostCommon(RunView run, int count) =>
        run.Failed
            .GroupBy(t => Headline(t.Failure!.Reason), StringComparer.Ordinal)
            .Select(g => (Reason: g.Key, Count: g.Count()))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Reason, StringComparer.Ordinal)
            .Take(count)
            .ToList();

    private static string Headline(string reason)
    {
        string line = reason.Split('\n', 2)[0].Trim();
        return line.Length <= MaxLength ? line : line[..(MaxLength - 1)] + "…";
    }
}
