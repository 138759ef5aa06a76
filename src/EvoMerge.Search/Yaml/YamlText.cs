using System.Globalization;

namespace EvoMerge.Search.Yaml;

/// <summary>The scalar texts of the canonical config: numbers that read back exactly, strings quoted so they read back unchanged.</summary>
public static class YamlText
{
    public static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Number(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool v) => v ? "true" : "false";

    /// <summary>A duration in seconds, as the config reads it (<c>30s</c>).</summary>
    public static string Seconds(TimeSpan t) => Number(t.TotalSeconds) + "s";

    /// <summary>A flow sequence of quoted strings: <c>['a', 'b']</c>.</summary>
    public static string QuotedList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    /// <summary>
    /// A YAML scalar that reads back as exactly <paramref name="s"/>: single-quoted (quotes doubled), or
    /// double-quoted with escapes when it holds control characters (single quotes would fold a newline).
    /// </summary>
    public static string Quote(string s) => s.Any(char.IsControl)
        ? "\"" + string.Concat(s.Select(c => c switch
        {
            '\\' => "\\\\",
            '"' => "\\\"",
            '\n' => "\\n",
            '\t' => "\\t",
            '\r' => "\\r",
            _ when char.IsControl(c) => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        })) + "\""
        : "'" + s.Replace("'", "''") + "'";
}
