using System.Globalization;

namespace EvoMerge.Evaluation.Data;

/// <summary>Rows <see cref="First"/> to <see cref="Last"/>, both inclusive, counting data rows from 0.</summary>
public sealed record RowRange : RowSelection
{
    public RowRange(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        if (last < first)
        {
            throw new ArgumentException($"row range {first}-{last}: the last row comes before the first.", nameof(last));
        }

        (First, Last) = (first, last);
    }

    public int First { get; }

    public int Last { get; }

    /// <summary>Parses "FIRST-LAST" (inclusive), e.g. "0-1149".</summary>
    public static RowRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryRow(parts[0], out var first) || !TryRow(parts[1], out var last))
        {
            throw new FormatException($"'{text}' is not a row range; write FIRST-LAST with 0-based inclusive rows, e.g. \"0-1149\".");
        }

        return new RowRange(first, last);
    }

    public override IReadOnlyList<int> PickRows(int rowCount, string source)
    {
        if (Last >= rowCount)
        {
            throw new TaskDataException($"{source}: {Describe()} reaches past the last row ({rowCount} rows, 0-{rowCount - 1}).");
        }

        return Enumerable.Range(First, Last - First + 1).ToArray();
    }

    public override string Describe() => $"rows {First}-{Last}";

    private static bool TryRow(string text, out int row) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out row);
}
