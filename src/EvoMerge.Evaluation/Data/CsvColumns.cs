namespace EvoMerge.Evaluation.Data;

/// <summary>Positions of the feature and label columns in a CSV header.</summary>
internal sealed record CsvColumns(IReadOnlyList<string> FeatureNames, IReadOnlyList<int> FeatureIndices, int LabelIndex)
{
    public static CsvColumns Resolve(string path, string[] header, TaskDataOptions options)
    {
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new TaskDataException($"{path}, line 1: column {QuotedText.Quote(duplicate.Key)} appears twice in the header.");
        }

        var labelIndex = IndexOf(path, header, options.LabelColumn, "label");
        var names = options.FeatureColumns ?? header.Where(h => !string.Equals(h, options.LabelColumn, StringComparison.Ordinal)).ToArray();
        if (names.Count == 0)
        {
            throw new TaskDataException($"{path}, line 1: there is no column besides the label {QuotedText.Quote(options.LabelColumn)}.");
        }

        var indices = names.Select(n => IndexOf(path, header, n, "feature")).ToArray();
        return new CsvColumns(names.ToArray(), indices, labelIndex);
    }

    private static int IndexOf(string path, string[] header, string name, string role)
    {
        var index = Array.IndexOf(header, name);
        if (index < 0)
        {
            throw new TaskDataException(
                $"{path}, line 1: no {role} column {QuotedText.Quote(name)}; the header has {QuotedText.List(header)}.");
        }

        return index;
    }
}
