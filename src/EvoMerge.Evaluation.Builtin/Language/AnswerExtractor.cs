using System.Text.RegularExpressions;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>Applies an <see cref="AnswerExtraction"/> rule to a text; null when the rule finds nothing.</summary>
public static partial class AnswerExtractor
{
    public static string? Extract(string text, AnswerExtraction rule)
    {
        ArgumentNullException.ThrowIfNull(text);
        return rule switch
        {
            AnswerExtraction.LastNumber => LastNumber(text),
            AnswerExtraction.FirstLine => FirstLine(text),
            AnswerExtraction.Full => NullIfEmpty(text.Trim()),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "not an answer extraction rule"),
        };
    }

    /// <summary>
    /// The last number, commas removed (thousands separators), in a canonical form so that "1,000", "1000.0" and
    /// "01000" all give "1000": leading zeros and trailing fractional zeros dropped, "-0" written "0".
    /// </summary>
    public static string? LastNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = Number().Matches(text.Replace(",", "", StringComparison.Ordinal));
        return matches.Count == 0 ? null : Canonical(matches[^1].Value);
    }

    public static string? FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                return line.Trim();
            }
        }

        return null;
    }

    private static string Canonical(string number)
    {
        var negative = number.StartsWith('-');
        var digits = negative ? number[1..] : number;
        var point = digits.IndexOf('.');
        var whole = (point < 0 ? digits : digits[..point]).TrimStart('0');
        var fraction = point < 0 ? "" : digits[(point + 1)..].TrimEnd('0');
        var value = (whole.Length == 0 ? "0" : whole) + (fraction.Length == 0 ? "" : "." + fraction);
        return negative && value != "0" ? "-" + value : value;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    [GeneratedRegex(@"-?\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
