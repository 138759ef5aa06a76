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
        files.Write("tokenizer.json", ByteLevelJson(vocab, merges));
        files.Write("tokenizer_config.json", """{ "eos_token": "<|endoftext|>", "bos_token": { "content": "<|endoftext|>" } }""");
        var tokenizer = TokenizerLoader.Load(files.Folder);
        Assert.Equal("tokenizer.json (Hugging Face tokenizers, BPE)", tokenizer.Format);
        var ids = tokenizer.Encode(Text);
        Assert.Equal(vocab["hello"], ids[0]);
        Assert.Equal(vocab["Ġwor"], ids[1]);
        Assert.Equal(Text, tokenizer.Decode(ids));
        Assert.Equal(vocab["<|endoftext|>"], tokenizer.EosTokenId);
        Assert.Equal(vocab["<|endoftext|>"], tokenizer.BosTokenId);
        Assert.Equal("héllo ✓", tokenizer.Decode(tokenizer.Encode("héllo ✓")));
    }

    [Fact]
    public void Tokenizer_json_without_post_processor_effects_when_encoding_plainly()
    {
        using var files = new TokenizerFiles();
        var (vocab, merges) = TokenizerFiles.ByteLevelBpe();
        int eot = vocab["<|endoftext|>"];
        files.Write("tokenizer.json", TokenizerFiles.Json(new
        {
            version = "1.0",
            truncation = new { direction = "Right", max_length = 2, strategy = "LongestFirst", stride = 0 },
            added_tokens = new[] { new { id = eot, content = "<|endoftext|>", special = true, single_word = false, lstrip = false, rstrip = false, normalized = false } },
            pre_tokenizer = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            post_processor = new
            {
                type = "TemplateProcessing",
                single = new object[] { new { SpecialToken = new { id = "<|endoftext|>", type_id = 0 } }, new { Sequence = new { id = "A", type_id = 0 } } },
                pair = new object[] { new { Sequence = new { id = "A", type_id = 0 } }, new { Sequence = new { id = "B", type_id = 1 } } },
                special_tokens = new Dictionary<string, object> { ["<|endoftext|>"] = new { id = "<|endoftext|>", ids = new[] { eot }, tokens = new[] { "<|endoftext|>" } } },
            },
            decoder = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
            model = new { type = "BPE", vocab, merges = merges.Select(m => new[] { m.Item1, m.Item2 }) },
        }));
        using var tokenizer = (HfTokenizer)TokenizerLoader.Load(files.Folder);
        // The file's truncation to 2 tokens is not applied: the evaluator frames its own sequences.
        var ids = tokenizer.Encode(Text);
        Assert.True(ids.Count > 2);
        Assert.Equal([eot, .. ids], tokenizer.EncodeWithSpecialTokens(Text));
        Assert.Equal("hello", tokenizer.TokenOf(ids[0]));
        Assert.Equal(Text, tokenizer.Decode([eot, .. ids]));
        Assert.True(tokenizer.IsSpecialToken(eot));
        Assert.False(tokenizer.IsSpecialToken(ids[0]));
        Assert.Empty(tokenizer.Encode(""));
        Assert.Equal([eot], tokenizer.EncodeWithSpecialTokens(""));
        Assert.Equal("", tokenizer.Decode([]));
        Assert.Equal(Text, tokenizer.Decode([.. ids, 1_000_000]));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([-1]));
    }

    [Fact]
    public void Generation_config_adds_every_eos_id_as_a_stop_token()
    {
        using var files = new TokenizerFiles();
        var (vocab, merges) = TokenizerFiles.ByteLevelBpe();
        files.Write("tokenizer.json", ByteLevelJson(vocab, merges));
        files.Write("generation_config.json", """{ "bos_token_id": 104, "eos_token_id": [7, 9], "pad_token_id": null }""");
        var tokenizer = TokenizerLoader.Load(files.Folder);
        Assert.Equal((104, 7, (int?)null), (tokenizer.BosTokenId, tokenizer.EosTokenId, tokenizer.PadTokenId));
        Assert.Equal([7, 9], tokenizer.StopTokenIds);

        // tokenizer_config.json's eos_token wins for EOS; the generation ids still stop generation.
        files.Write("tokenizer_config.json", """{ "eos_token": "<|endoftext|>" }""");
        tokenizer = TokenizerLoader.Load(files.Folder);
        Assert.Equal(vocab["<|endoftext|>"], tokenizer.EosTokenId);
        Assert.Equal([vocab["<|endoftext|>"], 7, 9], tokenizer.StopTokenIds);
    }

    [Theory]
    [InlineData("""{ "eos_token_id": "two" }""", "eos_token_id must be a non-negative integer")]
    [InlineData("""{ "eos_token_id": [1, -3] }""", "eos_token_id must be a non-negative integer")]
    [InlineData("""{ "eos_token_id": """, "generation_config.json: not valid JSON")]
    public void A_bad_generation_config_names_the_file_and_field(string json, string expected)
    {
        using var files = new TokenizerFiles();
        var (vocab, merges) = TokenizerFiles.ByteLevelBpe();
        files.Write("tokenizer.json", ByteLevelJson(vocab, merges));
        files.Write("generation_config.json", json);
        var error = Assert.Throws<UnsupportedTokenizerException>(() => TokenizerLoader.Load(files.Folder));
        Assert.Contains(expected, error.Message);
        Assert.Contains("generation_config.json", error.Message);
    }

    [Fact]
    public void A_config_token_missing_from_the_vocabulary_is_reported()
    {
        using var files = new TokenizerFiles();
        var (vocab, merges) = TokenizerFiles.ByteLevelBpe();
        files.Write("tokenizer.json", ByteLevelJson(vocab, merges));
        files.Write("tokenizer_config.json", """{ "bos_token": "<s>" }""");
        var error = Assert.Throws<UnsupportedTokenizerException>(() => TokenizerLoader.Load(files.Folder));
        Assert.Contains("tokenizer_config.json: bos_token '<s>' is not a token", error.Message);
    }

    [Theory]
    [InlineData("tokenizer.model", "has tokenizer.model (SentencePiece or tiktoken) but no tokenizer.json")]
    [InlineData("merges.txt", "has vocab.json + merges.txt but no tokenizer.json")]
    public void Layouts_without_tokenizer_json_are_refused_with_the_reason(string file, string expected)
    {
        using var files = new TokenizerFiles();
        var (vocab, merges) = TokenizerFiles.ByteLevelBpe();
        files.Write("vocab.json", TokenizerFiles.Json(vocab));
        files.Write(file, file == "merges.txt" ? string.Join("\n", merges.Select(m => $"{m.Item1} {m.Item2}")) : "aGVsbG8= 0\n");
        var error = Assert.Throws<UnsupportedTokenizerException>(() => TokenizerLoader.Load(files.Folder));
        Assert.Contains(expected, error.Message);
        Assert.Contains("save_pretrained", error.Message);
    }

    [Theory]
    [InlineData("""{ "model": { "type": "Nonsense", "vocab": {} } }""", "Hugging Face tokenizers cannot load it")]
    [InlineData("""{ "model": """, "not valid JSON")]
    [InlineData("""{ "version": "1.0" }""", "no \"model\" object")]
    public void Unreadable_tokenizer_json_names_the_file(string json, string expected)
    {
        using var files = new TokenizerFiles();
        files.Write("tokenizer.json", json);
        var error = Assert.Throws<UnsupportedTokenizerException>(() => TokenizerLoader.Load(files.Folder));
        Assert.Contains("tokenizer.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_folder_without_tokenizer_files_is_reported()
    {
        using var files = new TokenizerFiles();
        var error = Assert.Throws<UnsupportedTokenizerException>(() => TokenizerLoader.Load(files.Folder));
        Assert.Contains("no tokenizer file found", error.Message);
    }

    static string ByteLevelJson(Dictionary<string, int> vocab, List<(string, string)> merges) => TokenizerFiles.Json(new
    {
        version = "1.0",
        added_tokens = new[] { new { id = vocab["<|endoftext|>"], content = "<|endoftext|>", special = true, single_word = false, lstrip = false, rstrip = false, normalized = false } },
        pre_tokenizer = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
        decoder = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = true },
        model = new { type = "BPE", vocab, merges = merges.Select(m => new[] { m.Item1, m.Item2 }) },
    });
}
