using System.Text.Json;

namespace EvoMerge.Models.Tokenizers;

/// <summary>The special-token ids of a model folder.</summary>
public sealed record SpecialTokenIds(int? Bos, int? Eos, int? Pad, IReadOnlyList<int> Stop);

/// <summary>
/// Special tokens of a model folder: bos/eos/pad token strings from <c>tokenizer_config.json</c> (plain strings
/// or {"content": ...}) resolved through the tokenizer's vocabulary, then <c>generation_config.json</c>'s
/// bos/eos/pad_token_id (eos may be a list) for what the first file leaves open and for the stop tokens.
/// </summary>
static class SpecialTokenConfig
{
    public const string FileName = "tokenizer_config.json";
    public const string GenerationFileName = "generation_config.json";

    public static SpecialTokenIds Resolve(string folder, Func<string, int?> idOf)
    {
        int? bos = null, eos = null, pad = null;
        string configPath = Path.Combine(folder, FileName);
        if (File.Exists(configPath))
        {
            using var document = Parse(configPath);
            var root = document.RootElement;
            int? Lookup(string field)
            {
                if (TokenString(root, field) is not { } token)
                    return null;
                return idOf(token) ?? throw new UnsupportedTokenizerException(
                    $"{configPath}: {field} '{token}' is not a token of the tokenizer; fix the field or the tokenizer files.");
            }

            (bos, eos, pad) = (Lookup("bos_token"), Lookup("eos_token"), Lookup("pad_token"));
        }

        var stop = new List<int>();
        string generationPath = Path.Combine(folder, GenerationFileName);
        if (File.Exists(generationPath))
        {
            using var document = Parse(generationPath);
            var root = document.RootElement;
            var eosIds = Ids(root, "eos_token_id", generationPath);
            bos ??= First(Ids(root, "bos_token_id", generationPath));
            pad ??= First(Ids(root, "pad_token_id", generationPath));
            eos ??= First(eosIds);
            stop.AddRange(eosIds);
        }

        if (eos is { } e && !stop.Contains(e))
            stop.Insert(0, e);
        return new SpecialTokenIds(bos, eos, pad, stop.Distinct().ToList());
    }

    static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new UnsupportedTokenizerException($"{path}: not valid JSON ({e.Message}).", e);
        }
    }

    /// <summary>An id field as a list: absent or null gives none, a number one, an array all of them.</summary>
    static int? First(List<int> ids) => ids.Count > 0 ? ids[0] : null;

    static List<int> Ids(JsonElement root, string field, string path)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        return items.Select(item => item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int id) && id >= 0
            ? id
            : throw new UnsupportedTokenizerException($"{path}: {field} must be a non-negative integer or a list of them, found {item.GetRawText()}.")).ToList();
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
