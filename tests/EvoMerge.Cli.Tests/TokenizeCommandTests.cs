using System.IO.Compression;
using System.Text.Json;

namespace EvoMerge.Cli.Tests;

/// <summary>`tokenize` on the real Llama 2 tokenizer fixture (reference ids from transformers.js).</summary>
[Collection("console")]
public sealed class TokenizeCommandTests : IDisposable
{
    readonly TempFolder _temp = new();
    readonly string _model;
    readonly List<JsonElement> _cases;

    public TokenizeCommandTests()
    {
        string fixture = Path.Combine(RepoPaths.Root, "tests", "EvoMerge.Models.Tests", "Fixtures", "Tokenizers", "llama2");
        _model = _temp.Combine("llama2");
        Directory.CreateDirectory(_model);
        using (var input = new BrotliStream(File.OpenRead(Path.Combine(fixture, "tokenizer.json.br")), CompressionMode.Decompress))
        using (var output = File.Create(Path.Combine(_model, "tokenizer.json")))
            input.CopyTo(output);
        File.Copy(Path.Combine(fixture, "tokenizer_config.json"), Path.Combine(_model, "tokenizer_config.json"));
        _cases = File.ReadLines(Path.Combine(fixture, "cases.jsonl")).Take(40).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    public void Dispose() => _temp.Dispose();

    static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void A_jsonl_file_gives_one_line_of_ids_and_tokens_per_text_in_order()
    {
        string input = _temp.Combine("in.jsonl");
        File.WriteAllLines(input, _cases.Select(c => JsonSerializer.Serialize(new { id = 7, text = c.GetProperty("text").GetString() })).Append(""));
        var plain = CliRunner.Run(_temp.Path, "tokenize", _model, "--file", input);
        Assert.True(plain.ExitCode == 0, plain.Err);
        var lines = Lines(plain.Out);
        Assert.Equal(_cases.Count, lines.Count);
        for (int i = 0; i < lines.Count; i++)
        {
            Assert.Equal(["ids", "tokens"], lines[i].EnumerateObject().Select(p => p.Name));
            Assert.Equal(Ints(_cases[i].GetProperty("ids")), Ints(lines[i].GetProperty("ids")));
            Assert.Equal(Strings(_cases[i].GetProperty("tokens")), Strings(lines[i].GetProperty("tokens")));
        }

        var special = Lines(CliRunner.Run(_temp.Path, "tokenize", _model, "--file", input, "--special").Out);
        for (int i = 0; i < special.Count; i++)
            Assert.Equal(Ints(_cases[i].GetProperty("ids_with_special")), Ints(special[i].GetProperty("ids")));
    }

    [Fact]
    public void A_single_text_is_tokenized_with_and_without_special_tokens()
    {
        var plain = CliRunner.Run(_temp.Path, "tokenize", _model, "--text", "hello world");
        Assert.Equal("{\"ids\":[6312,28709,1526],\"tokens\":[\"▁hell\",\"o\",\"▁world\"]}\n", plain.Out);
        var special = CliRunner.Run(_temp.Path, "tokenize", _model, "--text", "hello world", "--special");
        Assert.Equal([1, 6312, 28709, 1526], Ints(Lines(special.Out)[0].GetProperty("ids")));
    }

    [Theory]
    [InlineData("{\"text\": \"fine\"}\n[1, 2]\n", "in.jsonl line 2: expected a JSON object")]
    [InlineData("{\"text\": \"fine\"}\n\n{\"txt\": \"x\"}\n", "in.jsonl line 3: no \"text\" field")]
    [InlineData("{\"text\": 5}\n", "in.jsonl line 1: \"text\" must be a string, found number")]
    [InlineData("{\"text\": \"unterminated}\n", "in.jsonl line 1: not valid JSON")]
    public void Bad_input_lines_are_reported_with_file_and_line_and_nothing_on_stdout(string content, string expected)
    {
        string input = _temp.Combine("in.jsonl");
        File.WriteAllText(input, content);
        var result = CliRunner.Run(_temp.Path, "tokenize", _model, "--file", input);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains(expected, result.Err);
        Assert.DoesNotContain("   at ", result.Err);
    }

    [Fact]
    public void Wrong_arguments_and_missing_models_are_clear_errors()
    {
        var both = CliRunner.Run(_temp.Path, "tokenize", _model, "--text", "a", "--file", "x.jsonl");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exactly one of --file", both.Err);

        var missing = CliRunner.Run(_temp.Path, "tokenize", "no/such-model-here-" + Guid.NewGuid().ToString("N"), "--text", "a");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("not a local path and not in the Hugging Face cache", missing.Err);

        Directory.CreateDirectory(_temp.Combine("sp"));
        File.WriteAllText(Path.Combine(_temp.Combine("sp"), "tokenizer.model"), "binary");
        var refused = CliRunner.Run(_temp.Path, "tokenize", _temp.Combine("sp"), "--text", "a");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("has tokenizer.model (SentencePiece or tiktoken) but no tokenizer.json", refused.Err);
    }
}
