using System.Globalization;
using System.Text;

namespace EvoMerge.Experiments.DigitsDemo;

/// <summary>Writes digit rows as CSV: header <c>f0,...,f63,label</c>, invariant culture, shortest round-trip numbers.</summary>
public static class DigitsCsv
{
    public static void Write(string path, DigitRows rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(0, DigitRows.Pixels).Select(p => $"f{p}")).Append(",label\n");
        for (int row = 0; row < rows.Count; row++)
        {
            foreach (var value in rows.Row(row)) text.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            text.Append(rows.Labels[row].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
