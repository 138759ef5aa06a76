using static EvoMerge.Models.Tokenizers.ChatTemplates.TemplateValues;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>Python's binary operators on template values (<c>and</c>/<c>or</c> short-circuit in the renderer).</summary>
static class TemplateOperators
{
    public static object? Apply(string op, object? left, object? right)
    {
        if (op is "==")
            return AreEqual(left, right);
        if (op is "!=")
            return !AreEqual(left, right);
        if (op is "in" or "not in")
            return Contains(right, left) == (op == "in");
        if (op is "~")
            return ToText(left) + ToText(right);
        if (left is Undefined u)
            throw new InvalidOperationException($"'{u.Description}' is undefined");
        if (right is Undefined v)
            throw new InvalidOperationException($"'{v.Description}' is undefined");
        return op switch
        {
            "<" => Compare(left, right) < 0,
            ">" => Compare(left, right) > 0,
            "<=" => Compare(left, right) <= 0,
            ">=" => Compare(left, right) >= 0,
            "+" => Add(left, right),
            "-" or "/" or "//" or "%" or "**" => Arithmetic(op, left, right),
            "*" => Multiply(left, right),
            _ => throw new InvalidOperationException($"unknown operator '{op}'"),
        };
    }

    public static bool Contains(object? container, object? item) => container switch
    {
        string s when item is string part => s.Contains(part, StringComparison.Ordinal),
        string => throw new InvalidOperationException($"'in <string>' needs a string on the left, found {TypeName(item)}"),
        Dictionary<string, object?> dict => item is string key && dict.ContainsKey(key),
        TemplateNamespace ns => item is string key && ns.Attributes.ContainsKey(key),
        _ => Iterate(container).Any(x => AreEqual(x, item)),
    };

    static object? Add(object? left, object? right) => (left, right) switch
    {
        (long a, long b) => a + b,
        (string a, string b) => a + b,
        (List<object?> a, List<object?> b) => a.Concat(b).ToList(),
        (object?[] a, object?[] b) => a.Concat(b).ToArray(),
        _ when IsNumeric(left) && IsNumeric(right) => ToDouble(left) + ToDouble(right),
        _ => throw Unsupported("+", left, right),
    };

    static object? Multiply(object? left, object? right) => (left, right) switch
    {
        (long a, long b) => a * b,
        (string s, long n) => string.Concat(Enumerable.Repeat(s, (int)Math.Max(0, n))),
        (long n, string s) => string.Concat(Enumerable.Repeat(s, (int)Math.Max(0, n))),
        (List<object?> list, long n) => Enumerable.Repeat(list, (int)Math.Max(0, n)).SelectMany(x => x).ToList(),
        _ when IsNumeric(left) && IsNumeric(right) => ToDouble(left) * ToDouble(right),
        _ => throw Unsupported("*", left, right),
    };

    static object? Arithmetic(string op, object? left, object? right)
    {
        if (!IsNumeric(left) || !IsNumeric(right))
            throw Unsupported(op, left, right);
        if (left is long or bool && right is long or bool && op is not "/")
        {
            long a = (long)ToDouble(left), b = (long)ToDouble(right);
            if (b == 0 && op is "//" or "%")
                throw new InvalidOperationException("integer division or modulo by zero");
            return op switch
            {
                "-" => (object)(a - b),
                "//" => (long)Math.Floor((double)a / b),
                "%" => ((a % b) + b) % b,
                _ => b >= 0 ? (object)(long)Math.Pow(a, b) : Math.Pow(a, b),
            };
        }
        double x = ToDouble(left), y = ToDouble(right);
        if (y == 0 && op is "/" or "//" or "%")
            throw new InvalidOperationException("division by zero");
        return op switch
        {
            "-" => x - y,
            "/" => x / y,
            "//" => Math.Floor(x / y),
            "%" => x - (y * Math.Floor(x / y)),
            _ => Math.Pow(x, y),
        };
    }

    static bool IsNumeric(object? value) => value is long or double or bool;

    static InvalidOperationException Unsupported(string op, object? left, object? right) =>
        new($"unsupported operand types for {op}: {TypeName(left)} and {TypeName(right)}");
}
