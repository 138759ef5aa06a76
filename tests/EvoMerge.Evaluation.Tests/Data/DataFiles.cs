namespace EvoMerge.Evaluation.Tests.Data;

/// <summary>Writes small data files for loader tests.</summary>
internal static class DataFiles
{
    public static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
