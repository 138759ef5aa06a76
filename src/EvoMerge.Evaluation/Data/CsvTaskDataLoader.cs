using System.Globalization;
using CsvHelper;

namespace EvoMerge.Evaluation.Data;

/// <summary>
/// Reads a comma-separated file with a header row: chosen feature columns and a label column, numbers in the
/// invariant culture, blank lines skipped. Errors name the file, the line and the column.
/// </summary>
public static class CsvTaskDataLoader
{
    private static readonly CsvReaderOptions ReaderOptions = new()
    {
        Separator = ',',
        DetectSeparatorHint = false,
        HasHeader = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static TaskData Load(string path, TaskDataOptions? options = null)
    {
        options ??= new TaskDataOptions();
        options.Validate();
        TaskDataFiles.RequireExists(path);
        try
        {
            using var csv = CsvReader.FromFile(path, ReaderOptions);
            var header = ReadHeader(path, csv);
            var columns = CsvColumns.Resolve(path, header, options);
            var features = new List<float>();
            var labels = new List<double>();
            while (csv.Read())
            {
                ReadRow(path, csv, header, columns, features, labels);
            }

            if (labels.Count == 0)
            {
                throw new TaskDataException($"{path}: the header is not followed by any data row.");
            }

            return new TaskData(path, columns.FeatureNames, features.ToArray(), labels.ToArray());
        }
        catch (CsvFormatException e)
        {
            throw new TaskDataException($"{path}, line {e.LineNumber}: malformed CSV ({QuotedText.Escape(e.Message)}).", e);
        }
        catch (IOException e)
        {
            throw new TaskDataException($"{path}: cannot read the file ({e.Message}).", e);
        }
    }

    private static string[] ReadHeader(string path, CsvReader csv)
    {
        csv.ReadHeader();
        var header = csv.Headers.Select(h => h.Trim()).ToArray();
        if (header.Length == 0 || header.All(h => h.Length == 0))
        {
            throw new TaskDataException($"{path}: the file is empty; expected a header row.");
        }

        if (header.Any(QuotedText.LooksBinary))
        {
            throw new TaskDataException(
                $"{path}, line 1: the header {QuotedText.Quote(string.Join(",", header))} holds control bytes; " +
                "this does not look like a text CSV file (expected UTF-8 text with a header row such as 'f0,f1,label').");
        }

        return header;
    }

    private static void ReadRow(string path, CsvReader csv, string[] header, CsvColumns columns, List<float> features, List<double> labels)
    {
        var line = csv.LineNumber;
        if (csv.FieldCount != header.Length)
        {
            throw new TaskDataException($"{path}, line {line}: {csv.FieldCount} fields, but the header has {header.Length}.");
        }

        foreach (var index in columns.FeatureIndices)
        {
            var value = ParseCell(path, line, header, index, csv.GetString(index));
            if (!NumberText.TryNarrow(value, out var narrowed))
            {
                throw new TaskDataException($"{path}, line {line}, column {QuotedText.Quote(header[index])} ({index + 1}): {value} is outside the float32 range.");
            }

            features.Add(narrowed);
        }

        labels.Add(ParseCell(path, line, header, columns.LabelIndex, csv.GetString(columns.LabelIndex)));
    }

    private static double ParseCell(string path, long line, string[] header, int index, string? text)
    {
        if (!NumberText.TryParseFinite(text, out var value, out var problem))
        {
            throw new TaskDataException($"{path}, line {line}, column {QuotedText.Quote(header[index])} ({index + 1}): {problem}.");
        }

        return value;
    }
}
