namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>A template's text and the name errors give it, with positions turned into line:column.</summary>
sealed class TemplateSource(string name, string text)
{
    public string Name { get; } = name;

    public string Text { get; } = text;

    public string Where(int position)
    {
        int line = 1, column = 1;
        for (int i = 0; i < Math.Min(position, Text.Length); i++)
        {
            if (Text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return $"line {line}, column {column}";
    }

    public ChatTemplateException Error(int position, string problem) => new($"{Name}, {Where(position)}: {problem}");
}
