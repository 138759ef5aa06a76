using System.Text.Json;

namespace EvoMerge.Models.Tokenizers;

/// <summary>
/// bos/eos/pad token strings from <c>tokenizer_config.json</c> (plain strings or {"content": ...}) and its
/// <c>added_tokens_decoder</c> (id to content), resolved to ids through a lookup.
/// </summary>
static class SpecialTokenConfig
{
    public const string FileName = "tokenizer_config.json";

    public static (int? Bos, int? Eos, int? Pad) Resolve(string folder, Func<string, int?> idOf)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return (null, null, null);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        int? Lookup(string field) => TokenString(root, field) is { } token ? idOf(token) : null;
        return (Lookup("bos_token"), Lookup("eos_token"), Lookup("pad_token"));
    }

    /// <summary>The added_tokens_decoder entries (content to id), empty when the file or section is absent.</summary>
    public static Dictionary<string, int> AddedTokens(string folder)
    {
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            return added;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.TryGetProperty("added_tokens_decoder", out var decoder) && decoder.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in decoder.EnumerateObject())
            {
                if (int.TryParse(entry.Name, out int id) && entry.Value.TryGetProperty("content", out var content) && content.GetString() is { } text)
                    added[text] = id;
            }
        }

        return added;
    }

    static string? TokenString(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("content", out var content) => content.GetString(),
            _ => null,
        };
    }
}
