namespace EvoMerge.Evaluation.External;

/// <summary>
/// Finds placeholders a user put inside shell quotes (<c>'{model}'</c>, <c>"--out={output}"</c>). EvoMerge
/// quotes each path itself; quotes around the placeholder close that quoting, so a path holding quotes,
/// <c>$(...)</c> or <c>;</c> would run as code. Such command lines are refused before anything runs.
/// </summary>
public static class CommandLineCheck
{
    /// <summary>Where the task's data file (fitness or test) goes.</summary>
    public const string DataPlaceholder = CommandTemplate.DataToken;

    public static readonly IReadOnlyList<string> Placeholders =
        [CommandTemplate.ModelToken, CommandTemplate.OutputToken, CommandTemplate.DataToken];

    /// <summary>One sentence per quoted placeholder of a shell command line; empty when it is safe to fill.</summary>
    public static IReadOnlyList<string> QuotedPlaceholders(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = new List<string>();
        char quote = '\0';
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (quote == '\'')
            {
                if (c == '\'') quote = '\0';
            }
            else if (c == '\\')
            {
                i++; // an escaped character neither opens nor closes a quote
                continue;
            }
            else if (quote == '"')
            {
                if (c == '"') quote = '\0';
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }

            if (quote != '\0' && Placeholders.FirstOrDefault(p => string.CompareOrdinal(command, i, p, 0, p.Length) == 0) is { } token)
            {
                problems.Add($"{token} is inside {(quote == '\'' ? "single" : "double")} quotes; EvoMerge quotes the path it puts there itself, and "
                             + "quotes around the placeholder undo that quoting, so a crafted path could run code. Write "
                             + $"{token} without quotes, or give the command as a list that runs without a shell: "
                             + $"command: [python, eval.py, \"{token}\"].");
                i += token.Length - 1;
            }
        }

        return problems;
    }
}
