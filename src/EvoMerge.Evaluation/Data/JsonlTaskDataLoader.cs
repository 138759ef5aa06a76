namespace EvoMerge.Evaluation.Data;

/// <summary>
/// Reads JSON Lines: one object per non-blank line, with the features either as an array
/// (<see cref="TaskDataOptions.InputsField"/>, default "inputs") or as named number fields, and a number label.
/// Errors name the file, the line and the field.
/// </summary>
public static class JsonlTaskDataLoader
{
    public static TaskData Load(string path, TaskDataOptions? options = null)
    {
        options ??= new TaskDataOptions();
        options.Validate();
        TaskDataFiles.RequireExists(path);
        var features = new List<float>();
        var labels = new List<double>();
        int? featureCount = null;
        var lineNumber = 0;
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var row = JsonlRow.Parse(path, lineNumber, line, options);
                if (featureCount is { } expected && row.Features.Length != expected)
                {
                    throw new TaskDataException(
                        $"{path}, line {lineNumber}, field '{options.InputsField}': {row.Features.Length} values, earlier lines have {expected}.");
                }

                featureCount = row.Features.Length;
                features.AddRange(row.Features);
                labels.Add(row.Label);
            }
        }
        catch (IOException e)
        {
            throw new TaskDataException($"{path}: cannot read the file ({e.Message}).", e);
        }

        if (featureCount is not { } count)
        {
            throw new TaskDataException($"{path}: the file has no data lines.");
        }

        var names = options.FeatureColumns ?? Enumerable.Range(0, count).Select(i => $"{options.InputsField}[{i}]").ToArray();
        return new TaskData(path, names, features.ToArray(), labels.ToArray());
    }
}
