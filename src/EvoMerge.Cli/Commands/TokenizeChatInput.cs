using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Cli.Commands;

/// <summary>
/// What `tokenize --chat` renders: per JSONL line, its "messages" (with "add_generation_prompt", default true),
/// or its "text" as one user turn after the optional system turn, with the assistant's turn opened.
/// </summary>
public static class TokenizeChatInput
{
    /// <summary>Reads every line before anything is rendered, so a bad line stops the command before any output.</summary>
    public static IReadOnlyList<JsonObject> ReadJsonl(string path, string? system)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"{path}: input file not found.");
        var conversations = new List<JsonObject>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
                conversations.Add(Conversation(line, $"{path} line {number}", system));
        }
        return conversations;
    }

    /// <summary>One user turn (after a system turn when <paramref name="system"/> is given), generation prompt on.</summary>
    public static JsonObject OfText(string text, string? system)
    {
        var messages = new JsonArray();
        if (system is not null)
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = system });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = text });
        return new JsonObject { ["messages"] = messages, ["add_generation_prompt"] = true };
    }

    static JsonObject Conversation(string line, string where, string? system)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{where}: not valid JSON ({e.Message}); each line must be an object with \"messages\" or \"text\".", e);
        }
        if (node is not JsonObject input)
            throw new ArgumentException($"{where}: expected a JSON object with a \"messages\" or \"text\" field.");
        if (input["messages"] is { } messages)
        {
            if (messages is not JsonArray turns || turns.Count == 0
                || turns.Any(t => t is not JsonObject turn || turn["role"] is not JsonValue role || role.GetValueKind() != JsonValueKind.String))
                throw new ArgumentException($"{where}: \"messages\" must be a non-empty list of objects with a \"role\" string, like {{\"role\": \"user\", \"content\": \"...\"}}.");
            if (system is not null)
                throw new ArgumentException($"{where}: --system applies to \"text\" lines; put the system turn into \"messages\" instead.");
            bool prompt = true;
            if (input["add_generation_prompt"] is { } flag)
            {
                prompt = flag.GetValueKind() switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new ArgumentException($"{where}: \"add_generation_prompt\" must be true or false."),
                };
            }
            return new JsonObject { ["messages"] = turns.DeepClone(), ["add_generation_prompt"] = prompt };
        }
        if (input["text"] is JsonValue text && text.GetValueKind() == JsonValueKind.String)
            return OfText(text.GetValue<string>(), system);
        throw new ArgumentException($"{where}: needs \"messages\" (a list of turns) or \"text\" (a string).");
    }
}
