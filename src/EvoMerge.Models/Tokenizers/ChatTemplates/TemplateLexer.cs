using System.Globalization;
using System.Text;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// Splits a Jinja2 template into text, <c>{{ }}</c> and <c>{% %}</c> segments and tokenizes the tags. Whitespace
/// control follows Jinja2: <c>{%-</c>/<c>-%}</c> (and the same on <c>{{ }}</c> and comments) strip all whitespace
/// on that side; with trim_blocks the first newline after a block or comment is dropped; with lstrip_blocks the
/// spaces and tabs between a line's start and a block or comment are dropped (not for <c>{%+</c>).
/// </summary>
static class TemplateLexer
{
    static readonly string[] Operators =
        ["**", "//", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|"];

    public static List<TemplateSegment> Split(TemplateSource source, bool trimBlocks, bool lstripBlocks)
    {
        string text = source.Text;
        var segments = new List<TemplateSegment>();
        int position = 0;
        bool stripNext = false, trimNextNewline = false;
        while (true)
        {
            int open = NextOpening(text, position);
            string literal = text[position..(open < 0 ? text.Length : open)];
            if (stripNext)
                literal = literal.TrimStart();
            else if (trimNextNewline)
                literal = literal.StartsWith("\r\n", StringComparison.Ordinal) ? literal[2..] : literal.StartsWith('\n') ? literal[1..] : literal;
            if (open < 0)
            {
                Add(segments, literal, position);
                return segments;
            }

            char kind = text[open + 1];
            char modifier = open + 2 < text.Length ? text[open + 2] : '\0';
            bool isBlock = kind is '%' or '#';
            if (modifier == '-')
                literal = literal.TrimEnd();
            else if (isBlock && lstripBlocks && modifier != '+')
                literal = literal[..^Math.Min(literal.Length, LineIndent(text, open))];
            Add(segments, literal, position);

            int inner = open + 2 + (modifier is '-' or '+' ? 1 : 0);
            int end;
            bool closeStrip;
            if (kind == '#')
            {
                int close = text.IndexOf("#}", inner, StringComparison.Ordinal);
                if (close < 0)
                    throw source.Error(open, "a comment '{#' is never closed with '#}'.");
                closeStrip = close > inner && text[close - 1] == '-';
                end = close + 2;
            }
            else
            {
                var tokens = Tokenize(source, inner, kind == '{' ? "}}" : "%}", out end, out closeStrip);
                segments.Add(kind == '{' ? new TemplateSegment.Output(tokens, open) : new TemplateSegment.Tag(tokens, open));
            }
            stripNext = closeStrip;
            trimNextNewline = isBlock && trimBlocks;
            position = end;
        }
    }

    static void Add(List<TemplateSegment> segments, string literal, int position)
    {
        if (literal.Length > 0)
            segments.Add(new TemplateSegment.Text(literal, position));
    }

    static int NextOpening(string text, int from)
    {
        for (int i = text.IndexOf('{', from); i >= 0 && i + 1 < text.Length; i = text.IndexOf('{', i + 1))
        {
            if (text[i + 1] is '{' or '%' or '#')
                return i;
        }
        return -1;
    }

    /// <summary>How many spaces and tabs stand before <paramref name="open"/> when nothing else does on its line.</summary>
    static int LineIndent(string text, int open)
    {
        int start = open;
        while (start > 0 && text[start - 1] is ' ' or '\t')
            start--;
        return start == 0 || text[start - 1] == '\n' ? open - start : 0;
    }

    /// <summary>Tokens from <paramref name="from"/> up to the closing delimiter outside brackets and strings.</summary>
    static List<TemplateToken> Tokenize(TemplateSource source, int from, string closing, out int end, out bool closeStrip)
    {
        string text = source.Text;
        var tokens = new List<TemplateToken>();
        int depth = 0, i = from;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
            if (i >= text.Length)
                throw source.Error(from, $"a tag is never closed with '{closing}'.");
            if (depth == 0 && string.CompareOrdinal(text, i, closing, 0, 2) == 0)
            {
                closeStrip = false;
                end = i + 2;
                break;
            }
            if (depth == 0 && text[i] == '-' && string.CompareOrdinal(text, i + 1, closing, 0, 2) == 0)
            {
                closeStrip = true;
                end = i + 3;
                break;
            }

            char c = text[i];
            if (c is '\'' or '"')
            {
                int at = i;
                tokens.Add(new(TokenKind.String, "string", ReadString(source, ref i), at));
            }
            else if (char.IsAsciiDigit(c))
            {
                int start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '_'))
                    i++;
                bool isFloat = i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]);
                if (isFloat)
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i]))
                        i++;
                }
                string digits = text[start..i].Replace("_", "", StringComparison.Ordinal);
                tokens.Add(isFloat
                    ? new(TokenKind.Float, digits, double.Parse(digits, CultureInfo.InvariantCulture), start)
                    : new(TokenKind.Integer, digits, long.Parse(digits, CultureInfo.InvariantCulture), start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                    i++;
                tokens.Add(new(TokenKind.Name, text[start..i], null, start));
            }
            else
            {
                string? op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                    ?? throw source.Error(i, $"unexpected character '{c}' in a tag.");
                depth += op is "(" or "[" or "{" ? 1 : op is ")" or "]" or "}" ? -1 : 0;
                tokens.Add(new(TokenKind.Operator, op, null, i));
                i += op.Length;
            }
        }
        tokens.Add(new(TokenKind.End, closing, null, end - 2));
        return tokens;
    }

    /// <summary>A quoted string literal with Python's escapes, advancing <paramref name="i"/> past the closing quote.</summary>
    static string ReadString(TemplateSource source, ref int i)
    {
        string text = source.Text;
        char quote = text[i];
        int start = i++;
        var value = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
                throw source.Error(start, "a string literal is never closed.");
            char c = text[i++];
            if (c == quote)
                return value.ToString();
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (i >= text.Length)
                throw source.Error(start, "a string literal is never closed.");
            char escape = text[i++];
            switch (escape)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case '0': value.Append('\0'); break;
                case '\\' or '\'' or '"': value.Append(escape); break;
                case '\n': break;
                case 'x' or 'u' or 'U':
                    int digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
                    if (i + digits > text.Length || !int.TryParse(text.AsSpan(i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                        throw source.Error(i - 2, $"'\\{escape}' needs {digits} hexadecimal digits.");
                    value.Append(char.ConvertFromUtf32(code));
                    i += digits;
                    break;
                default:
                    // Python keeps unknown escapes as written.
                    value.Append('\\').Append(escape);
                    break;
            }
        }
    }
}
