namespace EvoMerge.Evaluation.Data;

/// <summary>Picks the loader by file extension (.csv, .jsonl) and checks files exist.</summary>
public static class TaskDataFiles
{
    public static TaskData Load(string path, TaskDataOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => CsvTaskDataLoader.Load(path, options),
            ".jsonl" => JsonlTaskDataLoader.Load(path, options),
            _ => throw new TaskDataException($"{path}: unknown data file type '{extension}'; use .csv or .jsonl."),
        };
    }

    internal static void RequireExists(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new TaskDataException($"{path}: data file not found.");
        }
    }
}
