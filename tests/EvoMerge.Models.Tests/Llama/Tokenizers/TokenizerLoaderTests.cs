using EvoMerge.Models.Tokenizers;

namespace EvoMerge.Models.Tests.Llama.Tokenizers;

public class TokenizerLoaderTests
{
    const string Text = "hello world, hello!\nworld";

    [Fact]
    public void Word_level_vocab_saves_loads_and_round_trips()
    {
        using var files = new TokenizerFiles();
        var built = WordLevelTokenizer.Build(["three plus four is seven", "drei und vier"]);
        built.Save(files.Folder);
        var loaded = TokenizerLoader.Load(files.Folder);
        Assert.IsType<WordLevelTokenizer>(loaded);
        var ids = loaded.Encode("four plus three is  seven");
        Assert.Equal([6, 5, 4, 7, 8], ids);
        Assert.Equal("four plus three is seven", loaded.Decode(ids));
        Assert.Equal(3, loaded.Encode("five")[0]);
        Assert.Equal("three <unk>", loaded.Decode([1, 4, 3, 2, 0]));
        Assert.Equal((1, 2, 0), (loaded.BosTokenId, loaded.EosTokenId, loaded.PadTokenId));
    }

    [Fact]
    public void Byte_level_bpe_tokenizer_json_applies_merges_and_round_trips()
    {
        using var files = new TokenizerFiles();
        var (vocab, merges) = TokenizerFiles.ByteLevelBpe();
        files.Write("tokenizer.json", TokenizerFiles.Json(new
        {
            version = "1.0",
            added_tokens = new[] { new { id = vocab["<|endoftext|>"], content = "<|endoftext|>", special = true } },
            normalizer = (object?)null,
            pre_tokenizer = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            decoder = new { type = "ByteLevel" },
            model = new { type = "BPE", vocab, merges = merges.Select(m => new[] { m.Item1, m.Item2 }) },
        }));
        files.Write("tokenizer_config.json", """{ "eos_token": "<|endoftext|>", "bos_token": { "content": "<|endoftext|>" } }""");
        var tokenizer = TokenizerLoader.Load(files.Folder);
        Assert.Equal("tokenizer.json (BPE, byte-level)", tokenizer.Format);
        var ids = tokenizer.Encode(Text);
        Assert.Equal(vocab["hello"], ids[0]);
        Assert.Equal(vocab["Ġwor"], ids[1]);
        Assert.Equal(Text, tokenizer.Decode(ids));
        Assert.Equal(vocab["<|endoftext|>"], tokenizer.EosTokenId);
        Assert.Equal(vocab["<|endoftext|>"], tokenizer.BosTokenId);
        Assert.Equal("héllo ✓", tokenizer.Decode(tokenizer.Encode("héllo ✓")));
    }

    [Fact]
    public void Vocab_and_merges_files_load_as_byte_level_bpe()
    {
        using var files = new TokenizerFiles();
        var (vocab, merges) = TokenizerFiles.ByteLevelBpe();
        files.Write("vocab.json", TokenizerFiles.Json(vocab));
        files.Write("merges.txt", "#version: 0.2\n" + string.Join("\n", merges.Select(m => $"{m.Item1} {m.Item2}")) + "\n");
        var tokenizer = TokenizerLoader.Load(files.Folder);
        Assert.Contains("merges.txt", tokenizer.Format);
        var ids = tokenizer.Encode(Text);
        Assert.Equal(vocab["hello"], ids[0]);
        Assert.Equal(Text, tokenizer.Decode(ids));
    }

    [Fact]
    public void Tiktoken_rank_file_loads_and_round_trips()
    {
        using var files = new TokenizerFiles();
        var ranks = Enumerable.Range(0, 256).Select(b => new[] { (byte)b }).ToList();
        foreach (var merged in new[] { "he", "ll", "hell", "hello", " w", "or", " wor", " world" })
            ranks.Add(System.Text.Encoding.UTF8.GetBytes(merged));
        files.Write("tokenizer.model", string.Join("\n", ranks.Select((bytes, rank) => $"{Convert.ToBase64String(bytes)} {rank}")) + "\n");
        var tokenizer = TokenizerLoader.Load(files.Folder);
        Assert.Equal("tokenizer.model (tiktoken)", tokenizer.Format);
        var ids = tokenizer.Encode("hello world");
        Assert.Equal([259, 263], ids);
        Assert.Equal(Text, tokenizer.Decode(tokenizer.Encode(Text)));
    }

    [Fact]
    public void SentencePiece_model_loads_and_round_trips()
    {
        using var files = new TokenizerFiles();
        var pieces = new List<(string, float, int)> { ("<unk>", 0, 2), ("<s>", 0, 3), ("</s>", 0, 3) };
        // SentencePiece BPE joins adjacent pieces whose concatenation is a piece, best score first.
        foreach (var piece in new[] { "▁h", "▁he", "ll", "▁hell", "▁hello", "▁w", "or", "▁wor", "▁worl", "▁world" })
            pieces.Add((piece, -pieces.Count, 1));
        foreach (char c in "▁helowrd,!")
            pieces.Add((c.ToString(), -100 - pieces.Count, 1));
        files.Write("tokenizer.model", TokenizerFiles.SentencePieceModel(pieces));
        var tokenizer = TokenizerLoader.Load(files.Folder);
        Assert.Equal("tokenizer.model (SentencePiece)", tokenizer.Format);
        int IdOf(string piece) => pieces.FindIndex(p => p.Item1 == piece);
        Assert.Equal([IdOf("▁hello"), IdOf("▁world")], tokenizer.Encode("hello world"));
        Assert.Equal("hello world, hello!", tokenizer.Decode(tokenizer.Encode("hello world, hello!")));
        Assert.Equal((1, 2), (tokenizer.BosTokenId, tokenizer.EosTokenId));
    }

    [Fact]
    public void Unsupported_tokenizer_json_names_the_file_and_the_supported_formats()
    {
        using var files = new TokenizerFiles();
        files.Write("tokenizer.json", """{ "model": { "type": "Unigram", "vocab": [] } }""");
        var error = Assert.Throws<UnsupportedTokenizerException>(() => TokenizerLoader.Load(files.Folder));
        Assert.Contains("tokenizer.json: model type 'Unigram' is not supported", error.Message);
        Assert.Contains("supported:", error.Message);
    }

    [Fact]
    public void A_folder_without_tokenizer_files_is_reported()
    {
        using var files = new TokenizerFiles();
        var error = Assert.Throws<UnsupportedTokenizerException>(() => TokenizerLoader.Load(files.Folder));
        Assert.Contains("no tokenizer file found", error.Message);
    }
}
