namespace EvoMerge.SafeTensors.Errors;

/// <summary>A checkpoint file breaks a rule of the safetensors format (or of sharded checkpoints).</summary>
/// <remarks>Message: "&lt;file&gt;: &lt;rule&gt;: &lt;details&gt; &lt;hint&gt;".</remarks>
public sealed class SafeTensorsFormatException : Exception
{
    public SafeTensorsFormatException(string filePath, string rule, string details, string? hint = null, Exception? inner = null)
        : base(ComposeMessage(filePath, rule, details, hint), inner)
    {
        FilePath = filePath;
        Rule = rule;
    }

    /// <summary>The file (or folder) that breaks the rule.</summary>
    public string FilePath { get; }

    /// <summary>The broken rule's stable id, one of <see cref="FormatRules"/>.</summary>
    public string Rule { get; }

    private static string ComposeMessage(string filePath, string rule, string details, string? hint)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        ArgumentException.ThrowIfNullOrEmpty(rule);
        ArgumentException.ThrowIfNullOrEmpty(details);
        var message = $"{filePath}: {rule}: {details}";
        return string.IsNullOrEmpty(hint) ? message : message + " " + hint;
    }
}
