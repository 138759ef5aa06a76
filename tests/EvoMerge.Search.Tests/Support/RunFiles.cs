namespace EvoMerge.Search.Tests.Support;

/// <summary>Reads run outputs for comparisons that must ignore timing.</summary>
public static class RunFiles
{
    /// <summary>
    /// trials.csv without the 'seconds' and 'worker' columns (the only ones allowed to differ after a resume
    /// or on another farm).
    /// </summary>
    public static string TrialsWithoutSeconds(string runFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(runFolder, "trials.csv"));
        var header = lines[0].Split(',');
        var dropped = new[] { Array.IndexOf(header, "seconds"), Array.IndexOf(header, "worker") };
        return string.Join('\n', lines.Select(line => string.Join(',', line.Split(',').Where((_, i) => !dropped.Contains(i)))));
    }
}
