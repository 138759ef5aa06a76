using System.Text.Json;
using NativeTokenizer = global::Tokenizers.DotNet.Tokenizer;
using NativeTokenizerException = global::Tokenizers.DotNet.TokenizerException;

namespace EvoMerge.Models.Tokenizers;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> run by Hugging Face's own Rust <c>tokenizers</c> library (through
/// Tokenizers.DotNet), so normalizers, pre-tokenizers, byte fallback and ignore_merges behave exactly as in
/// transformers. <see cref="Encode"/> gives add_special_tokens=False ids, <see cref="EncodeWithSpecialTokens"/>
/// the default ones; <see cref="Decode"/> skips special tokens and ids outside the vocabulary.
/// </summary>
public sealed class HfTokenizer : ITextTokenizer, IDisposable
{
    readonly NativeTokenizer _plain;
    // Built on first use: the evaluator never asks for it, and a large vocabulary costs memory per copy.
    readonly Lazy<NativeTokenizer> _withSpecials;
    readonly Dictionary<int, string> _tokens;
    readonly HashSet<int> _specialIds;

    HfTokenizer(NativeTokenizer plain, Lazy<NativeTokenizer> withSpecials, Dictionary<int, string> tokens, HashSet<int> specialIds, string format, SpecialTokenIds special)
    {
        _specialIds = specialIds;
        _plain = plain;
        _withSpecials = withSpecials;
        _tokens = tokens;
        Format = format;
        BosTokenId = special.Bos;
        EosTokenId = special.Eos;
        PadTokenId = special.Pad;
        StopTokenIds = special.Stop;
    }

    public string Format { get; }
    public int? BosTokenId { get; }
    public int? EosTokenId { get; }
    public int? PadTokenId { get; }
    public IReadOnlyList<int> StopTokenIds { get; }

    /// <summary>Loads <c>tokenizer.json</c> of the folder with the special tokens of its config files.</summary>
    public static HfTokenizer Load(string folder)
    {
        string path = Path.Combine(folder, TokenizerJson.FileName);
        using (var document = Parse(path))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new UnsupportedTokenizerException($"{path}: expected a JSON object; not a Hugging Face tokenizer.json.");
            var tokens = TokenizerJson.TokenTable(root, path);
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (id, token) in tokens.OrderBy(p => p.Key))
                ids[token] = id;
            var special = SpecialTokenConfig.Resolve(folder, token => ids.TryGetValue(token, out int id) ? id : null);
            var plain = OpenNative(root, path, keepPostProcessor: false);
            var withSpecials = new Lazy<NativeTokenizer>(() =>
            {
                using var again = Parse(path);
                return OpenNative(again.RootElement, path, keepPostProcessor: true);
            });
            return new HfTokenizer(plain, withSpecials, tokens, TokenizerJson.SpecialIds(root), $"{TokenizerJson.FileName} (Hugging Face tokenizers, {TokenizerJson.ModelType(root)})", special);
        }
    }

    public IReadOnlyList<int> Encode(string text) => ToInts(Run(_plain, text));

    /// <summary>Ids with what the tokenizer adds by default (its post-processor: BOS, EOS, templates).</summary>
    public IReadOnlyList<int> EncodeWithSpecialTokens(string text) => ToInts(Run(_withSpecials.Value, text));

    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        // Ids past the tokenizer's vocabulary (models pad their embeddings, e.g. Qwen2.5 to 151936) decode to
        // nothing, as in transformers, so a generated padding id cannot fail an evaluation.
        var native = ids.Select(id => id >= 0
            ? (uint)id
            : throw new ArgumentOutOfRangeException(nameof(ids), $"Token id {id} is negative.")).ToArray();
        return native.Length == 0 ? "" : _plain.Decode(native);
    }

    /// <summary>The vocabulary string of an id, e.g. "Ġworld" or "▁hello".</summary>
    public string TokenOf(int id) =>
        _tokens.TryGetValue(id, out var token) ? token : throw new ArgumentOutOfRangeException(nameof(id), $"Token id {id} is not in the vocabulary of {Format}.");

    /// <summary>Whether the id is an added token marked special (decoding drops those).</summary>
    public bool IsSpecialToken(int id) => _specialIds.Contains(id);

    public void Dispose()
    {
        _plain.Dispose();
        if (_withSpecials.IsValueCreated)
            _withSpecials.Value.Dispose();
    }

    static uint[] Run(NativeTokenizer tokenizer, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return tokenizer.Encode(text);
    }

    static int[] ToInts(uint[] ids) => Array.ConvertAll(ids, id => checked((int)id));

    static JsonDocument Parse(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new UnsupportedTokenizerException($"{path}: not valid JSON ({e.Message}).", e);
        }
    }

    static NativeTokenizer OpenNative(JsonElement root, string path, bool keepPostProcessor)
    {
        // The native library takes a path; it reads the whole file while constructing, so the copy can go at once.
        string copy = Path.Combine(Path.GetTempPath(), $"evomerge-tokenizer-{Guid.NewGuid():N}.json");
        try
        {
            TokenizerJson.WriteRuntimeCopy(root, copy, keepPostProcessor);
            return new NativeTokenizer(copy);
        }
        catch (NativeTokenizerException e)
        {
            throw new UnsupportedTokenizerException($"{path}: Hugging Face tokenizers cannot load it ({e.Message}).", e);
        }
        finally
        {
            File.Delete(copy);
        }
    }
}
