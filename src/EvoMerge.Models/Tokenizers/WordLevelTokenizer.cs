using System.Text;
using System.Text.Json;
using EvoMerge.Core.IO;

namespace EvoMerge.Models.Tokenizers;

/// <summary>
/// A whitespace word-level tokenizer stored as <c>vocab.json</c> (token to id). Ids 0-3 are the special
/// tokens &lt;pad&gt;, &lt;bos&gt;, &lt;eos&gt;, &lt;unk&gt;; words outside the vocabulary become &lt;unk&gt;.
/// Decoding joins words with single spaces and drops special tokens, so text whose words are all
/// in the vocabulary and separated by single spaces round-trips exactly.
/// </summary>
public sealed class WordLevelTokenizer : ITextTokenizer
{
    public const string FileName = "vocab.json";
    public const string Pad = "<pad>", Bos = "<bos>", Eos = "<eos>", Unk = "<unk>";
    public static readonly IReadOnlyList<string> SpecialTokens = [Pad, Bos, Eos, Unk];

    readonly Dictionary<string, int> _ids;
    readonly string[] _tokens;

    public WordLevelTokenizer(IReadOnlyDictionary<string, int> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        for (int id = 0; id < SpecialTokens.Count; id++)
        {
            if (!vocabulary.TryGetValue(SpecialTokens[id], out int actual) || actual != id)
                throw new ArgumentException($"Word-level vocabulary: '{SpecialTokens[id]}' must have id {id}.");
        }

        _tokens = new string[vocabulary.Count];
        foreach (var (token, id) in vocabulary)
        {
            if (id < 0 || id >= vocabulary.Count || _tokens[id] is not null)
                throw new ArgumentException($"Word-level vocabulary: ids must be 0..{vocabulary.Count - 1} without gaps or repeats; '{token}' has {id}.");
            if (token.Length == 0 || token.Any(char.IsWhiteSpace))
                throw new ArgumentException($"Word-level vocabulary: token '{token}' is empty or contains whitespace.");
            _tokens[id] = token;
        }

        _ids = new Dictionary<string, int>(vocabulary, StringComparer.Ordinal);
    }

    public string Format => $"{FileName} (EvoMerge word-level)";
    public int VocabularySize => _tokens.Length;
    public int? BosTokenId => 1;
    public int? EosTokenId => 2;
    public int? PadTokenId => 0;
    public int UnknownTokenId => 3;

    /// <summary>Special tokens first, then the words of the texts in order of first appearance.</summary>
    public static WordLevelTokenizer Build(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in SpecialTokens.Concat(texts.SelectMany(Split)))
            vocabulary.TryAdd(token, vocabulary.Count);
        return new WordLevelTokenizer(vocabulary);
    }

    public static WordLevelTokenizer Load(string path)
    {
        var vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path))
            ?? throw new ArgumentException($"{path}: expected a JSON object of token to id.");
        try
        {
            return new WordLevelTokenizer(vocabulary);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Writes vocab.json into the folder atomically (ids in ascending order).</summary>
    public void Save(string modelFolder)
    {
        Directory.CreateDirectory(modelFolder);
        var ordered = _tokens.Select((token, id) => new KeyValuePair<string, int>(token, id));
        string json = JsonSerializer.Serialize(new Dictionary<string, int>(ordered), new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(modelFolder, FileName), json + "\n", fsync: true);
    }

    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Split(text).Select(word => _ids.GetValueOrDefault(word, UnknownTokenId)).ToList();
    }

    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        foreach (int id in ids)
        {
            if (id < 0 || id >= _tokens.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), $"Token id {id} is outside the vocabulary (0..{_tokens.Length - 1}).");
            if (id <= UnknownTokenId && id != UnknownTokenId)
                continue;
            if (text.Length > 0)
                text.Append(' ');
            text.Append(_tokens[id]);
        }

        return text.ToString();
    }

    public string TokenOf(int id) => _tokens[id];

    static string[] Split(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
