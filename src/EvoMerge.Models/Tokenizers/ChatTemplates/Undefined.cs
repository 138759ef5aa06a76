namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>Jinja2's undefined value: renders as nothing, is false, iterates as empty, fails on attribute access.</summary>
sealed class Undefined
{
    Undefined(string description) => Description = description;

    public static Undefined Of(string description) => new(description);

    /// <summary>What was looked up, for errors ("messages[5]", "message.tool_calls").</summary>
    public string Description { get; }
}
