using System.Globalization;
using System.Text;

namespace EvoMerge.Evaluation.Data;

/// <summary>
/// Renders text read from a user's data file for an error message. A binary or mis-encoded file would
/// otherwise put raw control bytes (which can garble the terminal) or a megabyte-long "header" into the
/// message, so non-printable characters become escapes (<c>\t</c>, <c>\x00</c>, <c>\uFFFD</c>) and long
/// text is cut with a count of what was left out.
/// </summary>
internal static class QuotedText
{
    public const int MaxChars = 40;
    public const int MaxItems = 12;

    /// <summary>The text in single quotes, escaped and abbreviated.</summary>
    public static string Quote(string? text) => $"'{Escape(text)}'";

    /// <summary>Quoted items separated by commas; past <see cref="MaxItems"/> the rest is counted, not listed.</summary>
    public static string List(IReadOnlyCollection<string> items)
    {
        var shown = string.Join(", ", items.Take(MaxItems).Select(Quote));
        return items.Count > MaxItems ? $"{shown} and {items.Count - MaxItems} more" : shown;
    }

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder();
        var index = 0;
        for (; index < text.Length && builder.Length < MaxChars; index++)
        {
            if (char.IsSurrogatePair(text, index))
            {
                builder.Append(text, index++, 2);
            }
            else
            {
                Append(builder, text[index]);
            }
        }

        if (index < text.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"... ({text.Length - index} more characters)");
        }

        return builder.ToString();
    }

    /// <summary>True when the text holds characters no text file has (NUL and other C0 controls but tab, CR, LF).</summary>
    public static bool LooksBinary(string text) => text.Any(c => c < ' ' && c is not ('\t' or '\r' or '\n'));

    private static void Append(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '\t': builder.Append("\\t"); return;
            case '\r': builder.Append("\\r"); return;
            case '\n': builder.Append("\\n"); return;
            case '\\': builder.Append("\\\\"); return;
        }

        if (c < 0x100 && char.IsControl(c))
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
        }
        else if (IsPrintable(c))
        {
            builder.Append(c);
        }
        else
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
    }

    // U+FFFD is what an invalid UTF-8 byte decodes to: escaping it makes binary content visible as such.
    private static bool IsPrintable(char c) => c != '\uFFFD' && CharUnicodeInfo.GetUnicodeCategory(c) is not
        (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
