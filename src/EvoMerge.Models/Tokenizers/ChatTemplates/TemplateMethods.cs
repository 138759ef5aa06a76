using System.Text;
using static EvoMerge.Models.Tokenizers.ChatTemplates.TemplateValues;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// The Python methods chat templates call on strings (<c>strip</c>, <c>startswith</c>, <c>split</c>, ...) and dicts
/// (<c>get</c>, <c>items</c>, <c>keys</c>, <c>values</c>). Lists are read-only, as in transformers' sandbox.
/// </summary>
static class TemplateMethods
{
    public static object? Call(object? target, string name, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> keywords)
    {
        var arguments = new FilterArguments($"{TypeName(target)}.{name}", args, keywords);
        object? result = target switch
        {
            string s => StringMethod(s, name, arguments),
            Dictionary<string, object?> dict => DictMethod(dict, name, arguments),
            _ => throw NoMethod(target, name),
        };
        arguments.CheckAllUsed();
        return result;
    }

    static object? StringMethod(string s, string name, FilterArguments arguments) => name switch
    {
        "strip" => Strip(s, arguments.Get(0, "chars", null) as string, start: true, end: true),
        "lstrip" => Strip(s, arguments.Get(0, "chars", null) as string, start: true, end: false),
        "rstrip" => Strip(s, arguments.Get(0, "chars", null) as string, start: false, end: true),
        "startswith" => Affixes(arguments.Get(0, "prefix"), name).Any(p => s.StartsWith(p, StringComparison.Ordinal)),
        "endswith" => Affixes(arguments.Get(0, "suffix"), name).Any(p => s.EndsWith(p, StringComparison.Ordinal)),
        "split" => Split(s, arguments.Get(0, "sep", null), arguments.Get(1, "maxsplit", -1L)),
        "upper" => s.ToUpperInvariant(),
        "lower" => s.ToLowerInvariant(),
        "title" => Title(s),
        "capitalize" => Capitalize(s),
        "replace" => Replace(s, Str(arguments.Get(0, "old"), name), Str(arguments.Get(1, "new"), name), arguments.Get(2, "count", null)),
        "find" => (long)CodePointIndex(s, s.IndexOf(Str(arguments.Get(0, "sub"), name), StringComparison.Ordinal)),
        "count" => (long)Count(s, Str(arguments.Get(0, "sub"), name)),
        "join" => string.Join(s, Iterate(arguments.Get(0, "iterable")).Select(x => Str(x, name))),
        "splitlines" => s.Split('\n').Select(line => (object?)line.TrimEnd('\r')).ToList() is var lines && s.EndsWith('\n') ? lines[..^1] : lines,
        "isdigit" => s.Length > 0 && s.All(char.IsDigit),
        "isspace" => s.Length > 0 && s.All(char.IsWhiteSpace),
        "isalpha" => s.Length > 0 && s.All(char.IsLetter),
        _ => throw NoMethod(s, name),
    };

    static object? DictMethod(Dictionary<string, object?> dict, string name, FilterArguments arguments) => name switch
    {
        "get" => arguments.Get(0, "key") is string key && dict.TryGetValue(key, out var value) ? value : arguments.Get(1, "default", null),
        "items" => dict.Select(p => (object?)new object?[] { p.Key, p.Value }).ToList(),
        "keys" => dict.Keys.Cast<object?>().ToList(),
        "values" => dict.Values.ToList(),
        _ => throw NoMethod(dict, name),
    };

    static InvalidOperationException NoMethod(object? target, string name) =>
        new($"{TypeName(target)} has no method '{name}' in EvoMerge's chat template renderer");

    static string Str(object? value, string method) => value as string
        ?? throw new InvalidOperationException($"'{method}' needs a string, found {TypeName(value)}");

    static IEnumerable<string> Affixes(object? value, string method) => value switch
    {
        string s => [s],
        object?[] or List<object?> => Iterate(value).Select(x => Str(x, method)),
        _ => throw new InvalidOperationException($"'{method}' needs a string or a tuple of strings, found {TypeName(value)}"),
    };

    public static string Strip(string s, string? chars, bool start, bool end)
    {
        if (chars is null)
            return start && end ? s.Trim() : start ? s.TrimStart() : s.TrimEnd();
        var set = chars.ToCharArray();
        return start && end ? s.Trim(set) : start ? s.TrimStart(set) : s.TrimEnd(set);
    }

    public static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    /// <summary>Python's <c>str.title()</c>: a letter after a non-letter is upper case, the others lower case.</summary>
    public static string Title(string s)
    {
        var text = new StringBuilder(s.Length);
        bool previousLetter = false;
        foreach (char c in s)
        {
            text.Append(previousLetter ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousLetter = char.IsLetter(c);
        }
        return text.ToString();
    }

    public static string Replace(string s, string old, string replacement, object? count)
    {
        long limit = count is long c ? c : -1;
        if (limit < 0)
            return old.Length == 0 ? string.Join(replacement, ["", .. Characters(s).Cast<string>(), ""]) : s.Replace(old, replacement, StringComparison.Ordinal);
        var text = new StringBuilder();
        int at = 0;
        for (long done = 0; done < limit && old.Length > 0; done++)
        {
            int found = s.IndexOf(old, at, StringComparison.Ordinal);
            if (found < 0)
                break;
            text.Append(s, at, found - at).Append(replacement);
            at = found + old.Length;
        }
        return text.Append(s, at, s.Length - at).ToString();
    }

    /// <summary>Python's <c>str.split</c>: on runs of whitespace without a separator, else on each separator.</summary>
    public static List<object?> Split(string s, object? separator, object? maxSplit)
    {
        long limit = maxSplit is long m ? m : -1;
        var parts = new List<object?>();
        if (separator is null)
        {
            int i = 0;
            while (true)
            {
                while (i < s.Length && char.IsWhiteSpace(s[i]))
                    i++;
                if (i >= s.Length)
                    return parts;
                if (limit >= 0 && parts.Count == limit)
                {
                    parts.Add(s[i..].TrimEnd());
                    return parts;
                }
                int start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]))
                    i++;
                parts.Add(s[start..i]);
            }
        }
        string sep = separator as string ?? throw new InvalidOperationException($"split needs a string separator, found {TypeName(separator)}");
        if (sep.Length == 0)
            throw new InvalidOperationException("empty separator");
        int from = 0;
        while (limit < 0 || parts.Count < limit)
        {
            int found = s.IndexOf(sep, from, StringComparison.Ordinal);
            if (found < 0)
                break;
            parts.Add(s[from..found]);
            from = found + sep.Length;
        }
        parts.Add(s[from..]);
        return parts;
    }

    static int Count(string s, string sub)
    {
        if (sub.Length == 0)
            return (int)Length(s) + 1;
        int count = 0;
        for (int at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    static int CodePointIndex(string s, int utf16Index) => utf16Index < 0 ? -1 : (int)Length(s[..utf16Index]);
}
