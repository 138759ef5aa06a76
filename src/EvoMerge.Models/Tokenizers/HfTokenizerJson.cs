using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace EvoMerge.Models.Tokenizers;

/// <summary>
/// Builds a Microsoft.ML.Tokenizers BPE tokenizer from a Hugging Face <c>tokenizer.json</c> whose model is
/// BPE (the package cannot read the file itself). Throws <see cref="UnsupportedTokenizerException"/>
/// for the parts it does not map: other models, normalizers, byte fallback, other pre-tokenizers.
/// </summary>
static class HfTokenizerJson
{
    public const string FileName = "tokenizer.json";

    public static MlTokenizer Load(string folder)
    {
        string path = Path.Combine(folder, FileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var model = root.GetProperty("model");
        string type = model.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        if (type != "BPE")
            throw Unsupported(path, $"model type '{type}'");
        if (model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True)
            throw Unsupported(path, "BPE with byte_fallback (a SentencePiece conversion; load its tokenizer.model instead)");
        if (root.TryGetProperty("normalizer", out var normalizer) && normalizer.ValueKind != JsonValueKind.Null)
            throw Unsupported(path, $"normalizer '{TypeOf(normalizer)}'");

        var special = AddedTokens(root);
        bool byteLevel = IsByteLevel(root);
        var options = new BpeOptions(model.GetProperty("vocab").EnumerateObject().Select(p => new KeyValuePair<string, int>(p.Name, p.Value.GetInt32())))
        {
            Merges = Merges(model),
            SpecialTokens = special.Count > 0 ? special : null,
            UnknownToken = OptionalString(model, "unk_token"),
            ContinuingSubwordPrefix = OptionalString(model, "continuing_subword_prefix"),
            EndOfWordSuffix = OptionalString(model, "end_of_word_suffix"),
            FuseUnknownTokens = model.TryGetProperty("fuse_unk", out var fuse) && fuse.ValueKind == JsonValueKind.True,
            ByteLevel = byteLevel,
            PreTokenizer = PreTokenizerOf(root, path, special),
        };
        var tokenizer = BpeTokenizer.Create(options);
        int? IdOf(string token) => special.TryGetValue(token, out int id) ? id : tokenizer.Vocabulary.TryGetValue(token, out int v) ? v : null;
        var (bos, eos, pad) = SpecialTokenConfig.Resolve(folder, IdOf);
        return new MlTokenizer(tokenizer, $"{FileName} (BPE{(byteLevel ? ", byte-level" : "")})", bos, eos, pad);
    }

    static Dictionary<string, int> AddedTokens(JsonElement root)
    {
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("added_tokens", out var tokens) && tokens.ValueKind == JsonValueKind.Array)
        {
            foreach (var token in tokens.EnumerateArray())
                added[token.GetProperty("content").GetString()!] = token.GetProperty("id").GetInt32();
        }

        return added;
    }

    static IEnumerable<string> Merges(JsonElement model)
    {
        if (!model.TryGetProperty("merges", out var merges))
            return [];
        // Newer files store each merge as a pair array, older ones as "left right".
        return merges.EnumerateArray()
            .Select(m => m.ValueKind == JsonValueKind.Array ? $"{m[0].GetString()} {m[1].GetString()}" : m.GetString()!)
            .ToList();
    }

    static bool IsByteLevel(JsonElement root) =>
        Mentions(root, "pre_tokenizer", "ByteLevel") || Mentions(root, "decoder", "ByteLevel");

    static bool Mentions(JsonElement root, string section, string type) =>
        root.TryGetProperty(section, out var value) && value.ValueKind == JsonValueKind.Object && value.GetRawText().Contains($"\"{type}\"", StringComparison.Ordinal);

    static PreTokenizer? PreTokenizerOf(JsonElement root, string path, Dictionary<string, int> special)
    {
        if (!root.TryGetProperty("pre_tokenizer", out var pre) || pre.ValueKind == JsonValueKind.Null)
            return null;
        var specials = special.Count > 0 ? special : null;
        var parts = TypeOf(pre) == "Sequence" ? pre.GetProperty("pretokenizers").EnumerateArray().ToList() : [pre];
        // A Split regex then ByteLevel without its own regex (Llama 3, Qwen2) is one regex split.
        var splits = parts.Where(p => TypeOf(p) == "Split").ToList();
        var rest = parts.Where(p => TypeOf(p) != "Split").ToList();
        if (splits.Count == 1 && rest.All(p => TypeOf(p) == "ByteLevel" && p.TryGetProperty("use_regex", out var r) && r.ValueKind == JsonValueKind.False))
            return new RegexPreTokenizer(new Regex(SplitPattern(splits[0], path), RegexOptions.Compiled), specials);
        if (parts.Count != 1)
            throw Unsupported(path, "this sequence of pre-tokenizers");
        return TypeOf(pre) switch
        {
            "ByteLevel" => RobertaPreTokenizer.Instance,
            "Whitespace" => PreTokenizer.CreateWordOrNonWord(specials),
            "WhitespaceSplit" => PreTokenizer.CreateWhiteSpace(specials),
            var other => throw Unsupported(path, $"pre-tokenizer '{other}'"),
        };
    }

    static string SplitPattern(JsonElement split, string path)
    {
        if (split.TryGetProperty("pattern", out var pattern) && pattern.TryGetProperty("Regex", out var regex) && regex.GetString() is { } text)
            return text;
        throw Unsupported(path, "a Split pre-tokenizer without a regex pattern");
    }

    static string TypeOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out var type) ? type.GetString() ?? "" : element.ValueKind.ToString();

    static string? OptionalString(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static UnsupportedTokenizerException Unsupported(string path, string what) =>
        new($"{path}: {what} is not supported; {UnsupportedTokenizerException.SupportedFormats}.");
}
