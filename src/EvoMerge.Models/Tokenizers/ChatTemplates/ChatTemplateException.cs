namespace EvoMerge.Models.Tokenizers.ChatTemplates;

/// <summary>
/// A chat template that cannot be parsed or rendered: the message names the template (its file and model folder)
/// and, where there is one, the line and column of the construct at fault.
/// </summary>
public sealed class ChatTemplateException(string message) : Exception(message);
