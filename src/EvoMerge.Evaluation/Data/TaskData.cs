namespace EvoMerge.Evaluation.Data;

/// <summary>
/// Rows of numeric features (row-major float32) with one numeric label each, as read from a CSV or JSONL file.
/// Immutable; <see cref="Select"/> gives a subset (a row range or one part of a seeded split).
/// </summary>
public sealed class TaskData
{
    private readonly float[] _features;
    private readonly double[] _labels;
    private readonly int[] _sourceRows;

    /// <param name="source">Where the rows came from (a file path, plus the selection), for messages.</param>
    /// <param name="featureNames">One name per feature column.</param>
    /// <param name="features">Row-major values, <c>labels.Length * featureNames.Count</c> of them; not copied.</param>
    /// <param name="labels">One label per row; not copied.</param>
    public TaskData(string source, IReadOnlyList<string> featureNames, float[] features, double[] labels)
        : this(source, featureNames, features, labels, Enumerable.Range(0, labels?.Length ?? 0).ToArray())
    {
    }

    private TaskData(string source, IReadOnlyList<string> featureNames, float[] features, double[] labels, int[] sourceRows)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (featureNames.Count == 0)
        {
            throw new ArgumentException($"{source}: there are no feature columns.", nameof(featureNames));
        }

        if (features.LongLength != (long)labels.Length * featureNames.Count)
        {
            throw new ArgumentException(
                $"{source}: {labels.Length} rows of {featureNames.Count} features need {(long)labels.Length * featureNames.Count} values, got {features.LongLength}.",
                nameof(features));
        }

        Source = source;
        FeatureNames = featureNames.ToArray();
        _features = features;
        _labels = labels;
        _sourceRows = sourceRows;
    }

    public string Source { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public int FeatureCount => FeatureNames.Count;

    public int RowCount => _labels.Length;

    /// <summary>All features, row after row.</summary>
    public ReadOnlySpan<float> Features => _features;

    public ReadOnlySpan<double> Labels => _labels;

    /// <summary>For each row, its 0-based index among the data rows of the file (header and blank lines not counted).</summary>
    public IReadOnlyList<int> SourceRows => _sourceRows;

    public ReadOnlySpan<float> Row(int row) => _features.AsSpan(checked(row * FeatureCount), FeatureCount);

    /// <summary>The rows <paramref name="selection"/> picks, in ascending order.</summary>
    public TaskData Select(RowSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var rows = selection.PickRows(RowCount, Source);
        var features = new float[(long)rows.Count * FeatureCount];
        var labels = new double[rows.Count];
        var sourceRows = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = _labels[rows[i]];
            sourceRows[i] = _sourceRows[rows[i]];
        }

        return new TaskData($"{Source} [{selection.Describe()}]", FeatureNames, features, labels, sourceRows);
    }
}
