namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>A piece of template source after whitespace control: literal text, a <c>{{ }}</c> or a <c>{% %}</c>.</summary>
abstract record TemplateSegment(int Position)
{
    public sealed record Text(string Value, int At) : TemplateSegment(At);

    public sealed record Output(IReadOnlyList<TemplateToken> Tokens, int At) : TemplateSegment(At);

    public sealed record Tag(IReadOnlyList<TemplateToken> Tokens, int At) : TemplateSegment(At);
}
