namespace EvoMerge.Evaluation.Data;

/// <summary>Which columns (CSV) or fields (JSONL) hold the features and the label.</summary>
public sealed record TaskDataOptions
{
    /// <summary>Column or field holding the label (a number; a class index for classification metrics).</summary>
    public string LabelColumn { get; init; } = "label";

    /// <summary>
    /// Feature columns (CSV) or named feature fields (JSONL), in order. Null: every CSV column except the label;
    /// in JSONL, the array in <see cref="InputsField"/>.
    /// </summary>
    public IReadOnlyList<string>? FeatureColumns { get; init; }

    /// <summary>JSONL field holding the feature array, used when <see cref="FeatureColumns"/> is null.</summary>
    public string InputsField { get; init; } = "inputs";

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(LabelColumn, nameof(LabelColumn));
        ArgumentException.ThrowIfNullOrWhiteSpace(InputsField, nameof(InputsField));
        if (FeatureColumns is null)
        {
            return;
        }

        if (FeatureColumns.Count == 0)
        {
            throw new ArgumentException("FeatureColumns is empty; leave it null to use every column but the label.", nameof(FeatureColumns));
        }

        var duplicate = FeatureColumns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"feature column '{duplicate.Key}' is listed twice.", nameof(FeatureColumns));
        }

        if (FeatureColumns.Contains(LabelColumn, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{LabelColumn}' is both the label and a feature column.", nameof(FeatureColumns));
        }
    }
}
