using System.Text;
using System.Text.Json;

namespace EvoMerge.Models.Tests.Llama.Tokenizers;

/// <summary>Writes tiny tokenizer files of each supported format into a temporary folder.</summary>
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

    /// <summary>A SentencePiece BPE ModelProto written field by field (protobuf wire format).</summary>
    public static byte[] SentencePieceModel(IReadOnlyList<(string Piece, float Score, int Type)> pieces)
    {
        var model = new List<byte>();
        foreach (var (piece, score, type) in pieces)
        {
            var entry = new List<byte>();
            LengthDelimited(entry, 1, Encoding.UTF8.GetBytes(piece));
            entry.Add(2 << 3 | 5);
            entry.AddRange(BitConverter.GetBytes(score));
            Varint(entry, 3, (ulong)type);
            LengthDelimited(model, 1, entry.ToArray());
        }

        var trainer = new List<byte>();
        Varint(trainer, 3, 2); // model_type BPE
        Varint(trainer, 40, 0); // unk_id
        Varint(trainer, 41, 1); // bos_id
        Varint(trainer, 42, 2); // eos_id
        Varint(trainer, 43, unchecked((ulong)-1L)); // pad_id -1
        LengthDelimited(model, 2, trainer.ToArray());
        var normalizer = new List<byte>();
        LengthDelimited(normalizer, 1, Encoding.UTF8.GetBytes("identity"));
        Varint(normalizer, 3, 1); // add_dummy_prefix
        Varint(normalizer, 4, 0); // remove_extra_whitespaces
        Varint(normalizer, 5, 1); // escape_whitespaces
        LengthDelimited(model, 3, normalizer.ToArray());
        return model.ToArray();
    }

    static void Varint(List<byte> output, int field, ulong value)
    {
        WriteVarint(output, (ulong)(field << 3));
        WriteVarint(output, value);
    }

    static void LengthDelimited(List<byte> output, int field, byte[] payload)
    {
        WriteVarint(output, (ulong)(field << 3 | 2));
        WriteVarint(output, (ulong)payload.Length);
        output.AddRange(payload);
    }

    static void WriteVarint(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }
}
