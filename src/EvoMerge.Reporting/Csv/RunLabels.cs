namespace EvoMerge.Reporting.Csv;

/// <summary>
/// The <c>run</c> column of a comparison: each run's folder name, or, for runs whose folder names
/// collide, as many trailing path segments as make them distinct (<c>nightly/demo</c>, <c>weekly/demo</c>).
/// </summary>
internal static class RunLabels
{
    public static IReadOnlyList<string> For(IReadOnlyList<RunView> runs)
    {
        var twice = runs.GroupBy(r => r.Folder, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"Run folder '{twice.Key}' is given more than once.", nameof(runs));
        }

        var segments = runs.Select(r => r.Folder.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var labels = new string[runs.Count];
        for (int i = 0; i < runs.Count; i++)
        {
            int depth = 1;
            while (depth < segments[i].Length && Clashes(segments, i, depth))
            {
                depth++;
            }

            labels[i] = string.Join('/', segments[i][^depth..]);
        }

        return labels;
    }

    private static bool Clashes(List<string[]> segments, int index, int depth)
    {
        string mine = Tail(segments[index], depth);
        return segments.Where((_, j) => j != index).Any(other => Tail(other, depth) == mine);
    }

    private static string Tail(string[] segments, int depth) => string.Join('/', segments[Math.Max(0, segments.Length - depth)..]);
}
