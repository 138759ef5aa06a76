namespace EvoMerge.Search.Running;

/// <summary>A short line-by-line difference of two YAML texts, for refusal messages.</summary>
internal static class ConfigDiff
{
    public static string Describe(string before, string after, int maxLines = 12)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var lines = new List<string>();
        foreach (var line in a.Except(b)) lines.Add("  run:   " + line.Trim());
        foreach (var line in b.Except(a)) lines.Add("  given: " + line.Trim());
        return string.Join("\n", lines.Take(maxLines)) + (lines.Count > maxLines ? $"\n  ... ({lines.Count - maxLines} more)" : "");
    }
}
