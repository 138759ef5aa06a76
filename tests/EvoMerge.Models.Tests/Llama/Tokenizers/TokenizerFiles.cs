using System.Text.Json;

namespace EvoMerge.Models.Tests.Llama.Tokenizers;

/// <summary>Writes tiny tokenizer files into a temporary folder.</summary>
sealed class TokenizerFiles : IDisposable
{
    public TokenizerFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "evomerge-tok-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public void Write(string name, string text) => File.WriteAllText(Path.Combine(Folder, name), text);

    public void Write(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(Folder, name), bytes);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>GPT-2's byte-to-character table: printable bytes map to themselves, the rest to 256+.</summary>
    public static char[] ByteToChar()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToHashSet();
        var table = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
            table[b] = printable.Contains(b) ? (char)b : (char)next++;
        return table;
    }

    /// <summary>Byte-level vocabulary (256 byte characters, then merged tokens) and its merges.</summary>
    public static (Dictionary<string, int> Vocab, List<(string, string)> Merges) ByteLevelBpe()
    {
        var vocab = ByteToChar().Select((c, i) => (c.ToString(), i)).ToDictionary(p => p.Item1, p => p.i);
        var merges = new List<(string, string)> { ("h", "e"), ("l", "l"), ("he", "ll"), ("hell", "o"), ("Ġ", "w"), ("o", "r"), ("Ġw", "or") };
        foreach (var (left, right) in merges)
            vocab[left + right] = vocab.Count;
        vocab["<|endoftext|>"] = vocab.Count;
        return (vocab, merges);
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
