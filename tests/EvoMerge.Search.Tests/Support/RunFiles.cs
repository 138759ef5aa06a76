namespace EvoMerge.Search.Tests.Support;

/// <summary>Reads run outputs for comparisons that must ignore timing.</summary>
public static class RunFiles
{
    /// <summary>trials.csv with the 'seconds' column removed (the only column allowed to differ after a resume).</summary>
    public static string TrialsWithoutSeconds(string runFolder)
    {
        var lines = File.ReadAllLines(Path.Combine(runFolder, "trials.csv"));
        int seconds = Array.IndexOf(lines[0].Split(','), "seconds");
        return string.Join('\n', lines.Select(line =>
        {
            var fields = line.Split(',').ToList();
            fields.RemoveAt(seconds);
            return string.Join(',', fields);
        }));
    }
}
