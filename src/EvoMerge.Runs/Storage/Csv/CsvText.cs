using System.Globalization;
using System.Text;
using EvoMerge.Core.IO;

namespace EvoMerge.Runs.Storage.Csv;

/// <summary>
/// CSV conventions of run outputs: RFC 4180 quoting (a field with a comma, quote or line break is
/// quoted, quotes doubled), '\n' line ends, UTF-8 without BOM, invariant culture whatever the
/// thread's culture, doubles in the shortest form that parses back to the same value ("R"), NaN and
/// infinities as "NaN", "Infinity", "-Infinity".
/// </summary>
public static class CsvText
{
    private static readonly char[] NeedsQuotes = [',', '"', '\n', '\r'];

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Field(string value) =>
        value.IndexOfAny(NeedsQuotes) < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public static void WriteRow(TextWriter text, IEnumerable<string> fields)
    {
        text.Write(string.Join(',', fields.Select(Field)));
        text.Write('\n');
    }

    /// <summary>Writes the file atomically; derived files need no fsync (they are rebuilt from the journal).</summary>
    public static void WriteFile(string path, Action<TextWriter> write, bool fsync) =>
        AtomicFile.Write(path, stream =>
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            write(text);
        }, fsync);
}
