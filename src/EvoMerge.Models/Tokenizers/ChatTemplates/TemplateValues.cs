using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// Python semantics of template values. A value is null (None), <see cref="Undefined"/>, bool, long, double, string,
/// <c>List&lt;object?&gt;</c> (list), <c>object?[]</c> (tuple), <c>Dictionary&lt;string, object?&gt;</c> (dict, in
/// insertion order), <see cref="TemplateNamespace"/> or <see cref="TemplateFunction"/>.
/// </summary>
static class TemplateValues
{
    public static bool IsTrue(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        object?[] tuple => tuple.Length > 0,
        Dictionary<string, object?> dict => dict.Count > 0,
        _ => true,
    };

    /// <summary>Python's <c>str()</c>: what <c>{{ }}</c> prints and <c>~</c> joins.</summary>
    public static string ToText(object? value) => value switch
    {
        Undefined => "",
        string s => s,
        _ => Repr(value),
    };

    /// <summary>Python's <c>repr()</c>, as lists and dicts print their items.</summary>
    public static string Repr(object? value) => value switch
    {
        null => "None",
        Undefined => "",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        string s => QuotePython(s),
        List<object?> list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        object?[] tuple => tuple.Length == 1 ? $"({Repr(tuple[0])},)" : "(" + string.Join(", ", tuple.Select(Repr)) + ")",
        Dictionary<string, object?> dict => "{" + string.Join(", ", dict.Select(p => QuotePython(p.Key) + ": " + Repr(p.Value))) + "}",
        TemplateNamespace => "<Namespace>",
        _ => "<function>",
    };

    static string QuotePython(string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var text = new StringBuilder().Append(quote);
        foreach (char c in s)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ when c < ' ' || c == '\x7f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return text.Append(quote).ToString();
    }

    /// <summary>Python's float repr: shortest round trip, ".0" on whole numbers, "e-05" style exponents.</summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d))
            return "nan";
        if (double.IsInfinity(d))
            return d > 0 ? "inf" : "-inf";
        double magnitude = Math.Abs(d);
        if (magnitude != 0 && (magnitude >= 1e16 || magnitude < 1e-4))
        {
            string e = d.ToString("E16", CultureInfo.InvariantCulture);
            string shortest = d.ToString("R", CultureInfo.InvariantCulture);
            if (!shortest.Contains('E'))
                shortest = e;
            var parts = shortest.Split('E');
            int exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return $"{parts[0]}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
        }
        string text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    public static string TypeName(object? value) => value switch
    {
        null => "None",
        Undefined u => $"undefined ({u.Description})",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        List<object?> => "list",
        object?[] => "tuple",
        Dictionary<string, object?> => "dict",
        TemplateNamespace => "namespace",
        _ => "function",
    };

    public static bool IsNumber(object? value) => value is long or double && value is not bool;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException($"expected a number, found {TypeName(value)}"),
    };

    public static bool AreEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (Undefined, Undefined) => true,
        (bool x, bool y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (long or double or bool, long or double or bool) => ToDouble(a) == ToDouble(b),
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second)),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => AreEqual(p.First, p.Second)),
        (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
            x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && AreEqual(p.Value, v)),
        _ => ReferenceEquals(a, b),
    };

    /// <summary>Python's ordering: numbers with numbers, strings with strings, sequences item by item.</summary>
    public static int Compare(object? a, object? b)
    {
        switch (a, b)
        {
            case (string x, string y):
                return string.CompareOrdinal(x, y);
            case (long or double or bool, long or double or bool):
                return ToDouble(a).CompareTo(ToDouble(b));
            case (List<object?> or object?[], List<object?> or object?[]):
                var (left, right) = (Iterate(a).ToList(), Iterate(b).ToList());
                for (int i = 0; i < Math.Min(left.Count, right.Count); i++)
                {
                    if (!AreEqual(left[i], right[i]))
                        return Compare(left[i], right[i]);
                }
                return left.Count.CompareTo(right.Count);
            default:
                throw new InvalidOperationException($"cannot order {TypeName(a)} and {TypeName(b)}");
        }
    }

    /// <summary>Python's iteration: items of lists and tuples, keys of dicts, characters of strings; undefined is empty.</summary>
    public static IEnumerable<object?> Iterate(object? value) => value switch
    {
        List<object?> list => list,
        object?[] tuple => tuple,
        Dictionary<string, object?> dict => dict.Keys,
        string s => Characters(s),
        Undefined => [],
        _ => throw new InvalidOperationException($"{TypeName(value)} is not iterable"),
    };

    /// <summary>A string's characters as Python counts them: code points, so a surrogate pair is one.</summary>
    public static List<object?> Characters(string s)
    {
        var characters = new List<object?>(s.Length);
        foreach (var rune in s.EnumerateRunes())
            characters.Add(rune.ToString());
        return characters;
    }

    public static long Length(object? value) => value switch
    {
        string s => s.EnumerateRunes().Count(),
        List<object?> list => list.Count,
        object?[] tuple => tuple.Length,
        Dictionary<string, object?> dict => dict.Count,
        TemplateNamespace ns => ns.Attributes.Count,
        Undefined => 0,
        _ => throw new InvalidOperationException($"{TypeName(value)} has no length"),
    };

    /// <summary>A JSON value (chat messages, tools, extra template variables) as a template value.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (dict, p) =>
        {
            dict[p.Name] = FromJson(p.Value);
            return dict;
        }),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out long l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>
    /// transformers' <c>tojson</c>: Python's <c>json.dumps(ensure_ascii=False)</c>, separators ", " and ": " (","
    /// between items when indented), keys in insertion order unless sorted.
    /// </summary>
    public static string ToJson(object? value, JsonStyle style)
    {
        var text = new StringBuilder();
        WriteJson(text, value, style, 0);
        return text.ToString();
    }

    static void WriteJson(StringBuilder text, object? value, JsonStyle style, int depth)
    {
        switch (value)
        {
            case null or Undefined:
                text.Append("null");
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case long l:
                text.Append(l.ToString(CultureInfo.InvariantCulture));
                return;
            case double d:
                text.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : FormatFloat(d));
                return;
            case string s:
                WriteJsonString(text, s, style.EnsureAscii);
                return;
            case List<object?> or object?[]:
                var items = Iterate(value).ToList();
                WriteContainer(text, '[', ']', items.Count, style, depth, i => WriteJson(text, items[i], style, depth + 1));
                return;
            case Dictionary<string, object?> or TemplateNamespace:
                var dict = value as Dictionary<string, object?> ?? ((TemplateNamespace)value).Attributes;
                var pairs = style.SortKeys ? dict.OrderBy(p => p.Key, StringComparer.Ordinal).ToList() : dict.ToList();
                WriteContainer(text, '{', '}', pairs.Count, style, depth, i =>
                {
                    WriteJsonString(text, pairs[i].Key, style.EnsureAscii);
                    text.Append(style.KeySeparator);
                    WriteJson(text, pairs[i].Value, style, depth + 1);
                });
                return;
            default:
                throw new InvalidOperationException($"{TypeName(value)} cannot be written as JSON");
        }
    }

    static void WriteContainer(StringBuilder text, char open, char close, int count, JsonStyle style, int depth, Action<int> writeItem)
    {
        int? indent = style.Indent;
        text.Append(open);
        if (count == 0)
        {
            text.Append(close);
            return;
        }
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
                text.Append(style.ItemSeparator);
            if (indent is { } width)
                text.Append('\n').Append(' ', width * (depth + 1));
            writeItem(i);
        }
        if (indent is { } w)
            text.Append('\n').Append(' ', w * depth);
        text.Append(close);
    }

    static void WriteJsonString(StringBuilder text, string s, bool ensureAscii)
    {
        text.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c < ' ' || (ensureAscii && c > '~'))
                        text.Append($"\\u{(int)c:x4}");
                    else
                        text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }
}
