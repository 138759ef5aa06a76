namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>The positional and keyword arguments written in a call, filter or test.</summary>
sealed record TemplateArguments(IReadOnlyList<TemplateExpression> Positional, IReadOnlyList<(string Name, TemplateExpression Value)> Keywords)
{
    public static TemplateArguments None { get; } = new([], []);
}
