using System.Text.Json;

namespace EvoMerge.Models.Tokenizers;

/// <summary>
/// What EvoMerge reads from a Hugging Face <c>tokenizer.json</c> itself: the id to token table (model
/// vocabulary plus added tokens) and copies for the native library with settings that belong to the caller.
/// </summary>
static class TokenizerJson
{
    public const string FileName = "tokenizer.json";

    /// <summary>The token string of every id; ids the file does not name are absent.</summary>
    public static Dictionary<int, string> TokenTable(JsonElement root, string path)
    {
        var table = new Dictionary<int, string>();
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
            throw new UnsupportedTokenizerException($"{path}: no \"model\" object; not a Hugging Face tokenizer.json.");
        if (model.TryGetProperty("vocab", out var vocab))
        {
            // Unigram stores [piece, score] pairs whose position is the id; BPE, WordPiece and WordLevel map token to id.
            if (vocab.ValueKind == JsonValueKind.Array)
            {
                int id = 0;
                foreach (var entry in vocab.EnumerateArray())
                    table[id++] = entry[0].GetString() ?? "";
            }
            else if (vocab.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in vocab.EnumerateObject())
                    table[entry.Value.GetInt32()] = entry.Name;
            }
        }

        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
                table[token.GetProperty("id").GetInt32()] = token.GetProperty("content").GetString() ?? "";
        }

        return table;
    }

    /// <summary>Ids of the added tokens marked "special": true.</summary>
    public static HashSet<int> SpecialIds(JsonElement root)
    {
        var ids = new HashSet<int>();
        if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in added.EnumerateArray())
            {
                if (token.TryGetProperty("special", out var special) && special.ValueKind == JsonValueKind.True)
                    ids.Add(token.GetProperty("id").GetInt32());
            }
        }

        return ids;
    }

    /// <summary>
    /// Writes the file for the native tokenizer without truncation and padding (the evaluator frames its own
    /// sequences) and, unless <paramref name="keepPostProcessor"/>, without the post-processor: the wrapped
    /// library always encodes with add_special_tokens=true, and the post-processor is the only step that flag
    /// controls, so dropping it gives Hugging Face's add_special_tokens=False ids.
    /// </summary>
    public static void WriteRuntimeCopy(JsonElement root, string destination, bool keepPostProcessor)
    {
        using var stream = File.Create(destination);
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartObject();
        foreach (var property in root.EnumerateObject())
        {
            bool drop = property.Name is "truncation" or "padding" || (!keepPostProcessor && property.Name == "post_processor");
            if (drop)
                writer.WriteNull(property.Name);
            else
                property.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    public static string ModelType(JsonElement root) =>
        root.TryGetProperty("model", out var model) && model.TryGetProperty("type", out var type) && type.GetString() is { } name ? name : "unknown";
}
