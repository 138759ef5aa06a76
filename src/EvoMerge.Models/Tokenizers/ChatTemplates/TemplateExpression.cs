namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>An expression of a template, with the source position errors point at.</summary>
abstract record TemplateExpression(int Position)
{
    public sealed record Literal(object? Value, int At) : TemplateExpression(At);

    public sealed record Variable(string Name, int At) : TemplateExpression(At);

    public sealed record ListDisplay(IReadOnlyList<TemplateExpression> Items, bool IsTuple, int At) : TemplateExpression(At);

    public sealed record DictDisplay(IReadOnlyList<(TemplateExpression Key, TemplateExpression Value)> Pairs, int At) : TemplateExpression(At);

    /// <summary><c>x.name</c>: an attribute, else the item of that name.</summary>
    public sealed record Attribute(TemplateExpression Target, string Name, int At) : TemplateExpression(At);

    /// <summary><c>x[key]</c>: the item, else the attribute of that name.</summary>
    public sealed record Item(TemplateExpression Target, TemplateExpression Key, int At) : TemplateExpression(At);

    public sealed record Slice(TemplateExpression Target, TemplateExpression? Start, TemplateExpression? Stop, TemplateExpression? Step, int At) : TemplateExpression(At);

    public sealed record Call(TemplateExpression Callee, TemplateArguments Arguments, int At) : TemplateExpression(At);

    public sealed record Filter(TemplateExpression Value, string Name, TemplateArguments Arguments, int At) : TemplateExpression(At);

    public sealed record Test(TemplateExpression Value, string Name, TemplateArguments Arguments, bool Negated, int At) : TemplateExpression(At);

    /// <summary>Arithmetic, comparison, <c>~</c>, <c>in</c>/<c>not in</c> and the short-circuit <c>and</c>/<c>or</c>.</summary>
    public sealed record Binary(string Operator, TemplateExpression Left, TemplateExpression Right, int At) : TemplateExpression(At);

    /// <summary><c>not</c>, unary <c>-</c> and <c>+</c>.</summary>
    public sealed record Unary(string Operator, TemplateExpression Operand, int At) : TemplateExpression(At);

    /// <summary><c>a if condition else b</c>; without <c>else</c> the value is undefined when the condition fails.</summary>
    public sealed record Conditional(TemplateExpression Condition, TemplateExpression Then, TemplateExpression? Else, int At) : TemplateExpression(At);
}
