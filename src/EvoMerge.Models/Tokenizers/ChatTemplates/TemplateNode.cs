namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>A statement of a template body.</summary>
abstract record TemplateNode(int Position)
{
    public sealed record Text(string Value, int At) : TemplateNode(At);

    public sealed record Output(TemplateExpression Value, int At) : TemplateNode(At);

    public sealed record If(IReadOnlyList<(TemplateExpression Condition, IReadOnlyList<TemplateNode> Body)> Branches, IReadOnlyList<TemplateNode> Else, int At) : TemplateNode(At);

    public sealed record For(IReadOnlyList<string> Targets, TemplateExpression Iterable, TemplateExpression? Condition, IReadOnlyList<TemplateNode> Body, IReadOnlyList<TemplateNode> Else, int At) : TemplateNode(At);

    /// <summary><c>{% set a = x %}</c>, <c>{% set a, b = x %}</c> or <c>{% set ns.attr = x %}</c> (<see cref="Namespace"/> is then "ns").</summary>
    public sealed record Set(string? Namespace, IReadOnlyList<string> Targets, TemplateExpression Value, int At) : TemplateNode(At);

    /// <summary><c>{% set a %}...{% endset %}</c>: the rendered body becomes the value.</summary>
    public sealed record SetBlock(string Target, IReadOnlyList<TemplateNode> Body, int At) : TemplateNode(At);

    public sealed record Macro(string Name, IReadOnlyList<(string Name, TemplateExpression? Default)> Parameters, IReadOnlyList<TemplateNode> Body, int At) : TemplateNode(At);

    public sealed record Break(int At) : TemplateNode(At);

    public sealed record Continue(int At) : TemplateNode(At);

    /// <summary>Transformers' <c>{% generation %}</c> marks the assistant's tokens; rendering keeps the body as it is.</summary>
    public sealed record Generation(IReadOnlyList<TemplateNode> Body, int At) : TemplateNode(At);
}
