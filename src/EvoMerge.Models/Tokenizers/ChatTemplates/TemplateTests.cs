using static EvoMerge.Models.Tokenizers.ChatTemplates.TemplateValues;

namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>Jinja2's tests (<c>x is defined</c>, <c>x is string</c>, <c>n is divisibleby 3</c>, ...).</summary>
static class TemplateTests
{
    public static bool Apply(string name, object? value, IReadOnlyList<object?> args)
    {
        object? Argument() => args.Count > 0 ? args[0] : throw new InvalidOperationException($"the test '{name}' needs an argument");
        return name switch
        {
            "defined" => value is not Undefined,
            "undefined" => value is Undefined,
            "none" => value is null,
            "string" => value is string,
            "mapping" => value is Dictionary<string, object?> or TemplateNamespace,
            "iterable" => value is string or List<object?> or object?[] or Dictionary<string, object?>,
            "sequence" => value is string or List<object?> or object?[] or Dictionary<string, object?>,
            "number" => value is long or double,
            "integer" => value is long,
            "float" => value is double,
            "boolean" => value is bool,
            "true" => value is true,
            "false" => value is false,
            "callable" => value is TemplateFunction,
            "even" => Whole(value, name) % 2 == 0,
            "odd" => Whole(value, name) % 2 != 0,
            "divisibleby" => Whole(value, name) % Whole(Argument(), name) == 0,
            "lower" => value is string s && s == s.ToLowerInvariant(),
            "upper" => value is string s && s == s.ToUpperInvariant(),
            "equalto" or "eq" or "==" or "sameas" => AreEqual(value, Argument()),
            "ne" or "!=" => !AreEqual(value, Argument()),
            "lt" or "lessthan" or "<" => Compare(value, Argument()) < 0,
            "le" or "<=" => Compare(value, Argument()) <= 0,
            "gt" or "greaterthan" or ">" => Compare(value, Argument()) > 0,
            "ge" or ">=" => Compare(value, Argument()) >= 0,
            "in" => TemplateOperators.Contains(Argument(), value),
            _ => throw new InvalidOperationException($"the test '{name}' is not supported by EvoMerge's chat template renderer"),
        };
    }

    static long Whole(object? value, string test) => value is long l ? l
        : throw new InvalidOperationException($"the test '{test}' needs an integer, found {TypeName(value)}");
}
