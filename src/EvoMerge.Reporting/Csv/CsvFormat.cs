using System.Globalization;

namespace EvoMerge.Reporting;

/// <summary>
/// The CSV conventions of run outputs (as <c>trials.csv</c>): RFC 4180 quoting, '\n' line ends,
/// invariant culture, doubles in their shortest round-trip form, NaN and infinities as "NaN",
/// "Infinity", "-Infinity".
/// </summary>
internal static class CsvFormat
{
    private static readonly char[] NeedsQuotes = [',', '"', '\n', '\r'];

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Field(string value) =>
        value.IndexOfAny(NeedsQuotes) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public static void WriteRow(TextWriter output, IEnumerable<string> fields)
    {
        output.Write(string.Join(',', fields.Select(Field)));
        output.Write('\n');
    }
}
