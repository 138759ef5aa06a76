using System.Globalization;
using System.Text;
using static EvoMerge.Models.Tokenizers.ChatTemplates.TemplateValues;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// The filters real chat templates use, with Jinja2's (and transformers' <c>tojson</c>) behaviour. A filter this
/// class does not know is an error, never ignored.
/// </summary>
static class TemplateFilters
{
    public static object? Apply(TemplateRenderer renderer, string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> keywords)
    {
        var arguments = new FilterArguments(name, args, keywords);
        object? result = name switch
        {
            "trim" => TemplateMethods.Strip(Text(value, name), arguments.Get(0, "chars", null) as string, start: true, end: true),
            "length" or "count" => Length(value),
            "tojson" => ToJson(value, JsonStyle(arguments)),
            "upper" => Text(value, name).ToUpperInvariant(),
            "lower" => Text(value, name).ToLowerInvariant(),
            "capitalize" => TemplateMethods.Capitalize(Text(value, name)),
            "title" => TemplateMethods.Title(Text(value, name)),
            "string" => ToText(value),
            "safe" or "e" or "escape" or "forceescape" => name is "safe" ? value : Escape(ToText(value)),
            "default" or "d" => value is Undefined || (IsTrue(arguments.Get(1, "boolean", false)) && !IsTrue(value)) ? arguments.Get(0, "default_value", "") : value,
            "first" => Iterate(value).Cast<object?>().DefaultIfEmpty(Undefined.Of("first of an empty sequence")).First(),
            "last" => Iterate(value).Cast<object?>().DefaultIfEmpty(Undefined.Of("last of an empty sequence")).Last(),
            "list" => Iterate(value).ToList(),
            "reverse" => value is string s ? string.Concat(Characters(s).Cast<string>().Reverse()) : Iterate(value).Reverse().ToList(),
            "join" => Join(value, arguments),
            "replace" => TemplateMethods.Replace(Text(value, name), Text(arguments.Get(0, "old"), name), Text(arguments.Get(1, "new"), name), arguments.Get(2, "count", null)),
            "split" => TemplateMethods.Split(Text(value, name), arguments.Get(0, "sep", null), arguments.Get(1, "maxsplit", -1L)),
            "items" => value is Undefined ? new List<object?>() : TemplateMethods.Call(value, "items", [], new Dictionary<string, object?>()),
            "dictsort" => Dict(value, name).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => (object?)new object?[] { p.Key, p.Value }).ToList(),
            "selectattr" or "rejectattr" => Select(renderer, value, arguments, byAttribute: true, keep: name == "selectattr"),
            "select" or "reject" => Select(renderer, value, arguments, byAttribute: false, keep: name == "select"),
            "map" => Map(renderer, value, arguments),
            "unique" => Iterate(value).Aggregate(new List<object?>(), (kept, x) => kept.Any(k => AreEqual(k, x)) ? kept : [.. kept, x]),
            "sort" => Sort(value, arguments),
            "min" or "max" => Extreme(value, name == "max"),
            "sum" => Iterate(value).Aggregate(arguments.Get(1, "start", 0L), (total, x) => TemplateOperators.Apply("+", total, x)),
            "int" => ToInteger(value, arguments.Get(0, "default", 0L)),
            "float" => ToFloat(value, arguments.Get(0, "default", 0.0)),
            "abs" => value is long l ? (object)Math.Abs(l) : Math.Abs(ToDouble(value)),
            "round" => Math.Round(ToDouble(value), (int)ToDouble(arguments.Get(0, "precision", 0L)), MidpointRounding.ToEven),
            "wordcount" => (long)Text(value, name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length,
            "indent" => Indent(Text(value, name), arguments),
            _ => throw new InvalidOperationException($"the filter '{name}' is not supported by EvoMerge's chat template renderer"),
        };
        arguments.CheckAllUsed();
        return result;
    }

    /// <summary>Jinja2's string filters take any value as its <c>str()</c> (None trims to "None", undefined to "").</summary>
    static string Text(object? value, string filter) => value is string s ? s
        : value is TemplateFunction ? throw new InvalidOperationException($"the filter '{filter}' needs a string, found {TypeName(value)}")
        : ToText(value);

    /// <summary>transformers' <c>tojson(ensure_ascii=False, indent=None, separators=None, sort_keys=False)</c>.</summary>
    static JsonStyle JsonStyle(FilterArguments arguments)
    {
        bool ensureAscii = IsTrue(arguments.Get(-1, "ensure_ascii", false));
        var indent = arguments.Get(0, "indent", null) switch
        {
            null => (int?)null,
            long width => (int)width,
            var other => throw new InvalidOperationException($"tojson: indent must be an integer, found {TypeName(other)}"),
        };
        var separators = arguments.Get(-1, "separators", null) switch
        {
            null => ((string, string)?)null,
            var pair when Iterate(pair).ToList() is [string item, string key] => (item, key),
            var other => throw new InvalidOperationException($"tojson: separators must be a pair of strings, found {TypeName(other)}"),
        };
        return new JsonStyle(indent, IsTrue(arguments.Get(-1, "sort_keys", false)), ensureAscii, separators);
    }

    static Dictionary<string, object?> Dict(object? value, string filter) => value as Dictionary<string, object?>
        ?? throw new InvalidOperationException($"the filter '{filter}' needs a dict, found {TypeName(value)}");

    static string Join(object? value, FilterArguments arguments)
    {
        string separator = ToText(arguments.Get(0, "d", ""));
        var items = Iterate(value);
        if (arguments.Get(1, "attribute", null) is { } attribute)
            items = items.Select(item => Attribute(item, attribute));
        return string.Join(separator, items.Select(ToText));
    }

    /// <summary>An item's attribute by Jinja2's rule: dotted paths, integers index into sequences.</summary>
    static object? Attribute(object? item, object? path)
    {
        foreach (var part in ToText(path).Split('.'))
        {
            item = item switch
            {
                Dictionary<string, object?> dict => dict.TryGetValue(part, out var v) ? v : Undefined.Of(part),
                TemplateNamespace ns => ns.Attributes.TryGetValue(part, out var v) ? v : Undefined.Of(part),
                List<object?> list when int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) && i < list.Count => list[i],
                _ => Undefined.Of(part),
            };
        }
        return item;
    }

    static List<object?> Select(TemplateRenderer renderer, object? value, FilterArguments arguments, bool byAttribute, bool keep)
    {
        int next = 0;
        object? attribute = byAttribute ? arguments.Get(next++, "attribute") : null;
        string? test = arguments.Count > next ? Text(arguments.Positional(next++), "test name") : null;
        var testArgs = arguments.Rest(next);
        return Iterate(value).Where(item =>
        {
            var subject = byAttribute ? Attribute(item, attribute) : item;
            bool passed = test is null ? IsTrue(subject) : TemplateTests.Apply(test, subject, testArgs);
            return passed == keep;
        }).ToList();
    }

    static List<object?> Map(TemplateRenderer renderer, object? value, FilterArguments arguments)
    {
        if (arguments.Get(-1, "attribute", null) is { } attribute)
        {
            var fallback = arguments.Get(-1, "default", null);
            return Iterate(value).Select(item => Attribute(item, attribute) is Undefined && fallback is not null ? fallback : Attribute(item, attribute)).ToList();
        }
        string filter = Text(arguments.Get(0, "filter"), "map");
        var rest = arguments.Rest(1);
        return Iterate(value).Select(item => Apply(renderer, filter, item, rest, new Dictionary<string, object?>())).ToList();
    }

    static List<object?> Sort(object? value, FilterArguments arguments)
    {
        bool reverse = IsTrue(arguments.Get(0, "reverse", false));
        bool caseSensitive = IsTrue(arguments.Get(1, "case_sensitive", false));
        var attribute = arguments.Get(2, "attribute", null);
        object? Key(object? item)
        {
            var key = attribute is null ? item : Attribute(item, attribute);
            return !caseSensitive && key is string s ? s.ToLowerInvariant() : key;
        }
        var sorted = Iterate(value).OrderBy(Key, Comparer<object?>.Create(Compare)).ToList();
        if (reverse)
            sorted.Reverse();
        return sorted;
    }

    static object? Extreme(object? value, bool max)
    {
        var items = Iterate(value).ToList();
        if (items.Count == 0)
            return Undefined.Of(max ? "max of an empty sequence" : "min of an empty sequence");
        return items.Aggregate((best, x) => (Compare(x, best) > 0) == max && !AreEqual(x, best) ? x : best);
    }

    static object? ToInteger(object? value, object? fallback) => value switch
    {
        long l => l,
        bool b => b ? 1L : 0L,
        double d => (long)Math.Truncate(d),
        string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) => parsed,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => (long)Math.Truncate(parsed),
        _ => fallback,
    };

    static object? ToFloat(object? value, object? fallback) => value switch
    {
        long or double or bool => ToDouble(value),
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        _ => fallback,
    };

    static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&#34;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal);

    static string Indent(string text, FilterArguments arguments)
    {
        var width = arguments.Get(0, "width", 4L);
        string pad = width is string s ? s : new string(' ', (int)ToDouble(width));
        bool first = IsTrue(arguments.Get(1, "first", false)), blank = IsTrue(arguments.Get(2, "blank", false));
        var lines = text.Split('\n');
        var result = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
                result.Append('\n');
            bool indent = (i > 0 || first) && (blank || lines[i].Length > 0);
            result.Append(indent ? pad : "").Append(lines[i]);
        }
        return result.ToString();
    }
}
