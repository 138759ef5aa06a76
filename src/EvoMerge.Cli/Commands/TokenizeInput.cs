using System.Text.Json;

namespace EvoMerge.Cli.Commands;

/// <summary>The texts to tokenize: one from --text, or the "text" field of each line of a JSONL file.</summary>
public static class TokenizeInput
{
    /// <summary>
    /// Reads every text before anything is tokenized, so a bad line stops the command before any output.
    /// Blank lines are skipped; other fields of a line are ignored.
    /// </summary>
    public static IReadOnlyList<string> ReadJsonl(string path)
    {
        if (!File.Exists(path))
            throw new ArgumentException($"{path}: input file not found.");
        var texts = new List<string>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            texts.Add(TextOf(line, $"{path} line {number}"));
        }

        return texts;
    }

    static string TextOf(string line, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{where}: not valid JSON ({e.Message}); each line must be an object like {{\"text\": \"...\"}}.", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ArgumentException($"{where}: expected a JSON object with a \"text\" field, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            if (!document.RootElement.TryGetProperty("text", out var text))
                throw new ArgumentException($"{where}: no \"text\" field.");
            return text.ValueKind == JsonValueKind.String
                ? text.GetString()!
                : throw new ArgumentException($"{where}: \"text\" must be a string, found {text.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }
}
