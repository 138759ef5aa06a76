namespace EvoMerge.Models.Tokenizers.ChatTemplates;

enum TokenKind
{
    Name,
    String,
    Integer,
    Float,
    Operator,
    End,
}

/// <summary>One token of a tag's expression; <see cref="Value"/> holds the decoded literal of strings and numbers.</summary>
readonly record struct TemplateToken(TokenKind Kind, string Text, object? Value, int Position)
{
    public bool Is(string op) => Kind == TokenKind.Operator && Text == op;

    public bool IsName(string name) => Kind == TokenKind.Name && Text == name;
}
