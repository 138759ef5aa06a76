using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvoMerge.Cli.Tests;

/// <summary>`tokenize --chat` on the real Qwen 2.5 tokenizer with its chat template (Fixtures/ChatTemplates).</summary>
[Collection("console")]
public sealed class TokenizeChatCommandTests : IDisposable
{
    static readonly string Fixtures = Path.Combine(RepoPaths.Root, "tests", "EvoMerge.Models.Tests", "Fixtures");
    readonly TempFolder _temp = new();
    readonly string _model;
    readonly Dictionary<string, JsonObject> _cases;

    public TokenizeChatCommandTests()
    {
        _model = _temp.Combine("qwen");
        Directory.CreateDirectory(_model);
        using (var input = new BrotliStream(File.OpenRead(Path.Combine(Fixtures, "Tokenizers", "qwen2_5", "tokenizer.json.br")), CompressionMode.Decompress))
        using (var output = File.Create(Path.Combine(_model, "tokenizer.json")))
            input.CopyTo(output);
        File.Copy(Path.Combine(Fixtures, "ChatTemplates", "qwen2_5", "tokenizer_config.json"), Path.Combine(_model, "tokenizer_config.json"));
        _cases = File.ReadLines(Path.Combine(Fixtures, "ChatTemplates", "qwen2_5", "cases.jsonl"))
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToDictionary(c => c["name"]!.GetValue<string>());
    }

    public void Dispose() => _temp.Dispose();

    static JsonElement Line(string stdout) => JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single()).RootElement.Clone();

    static int[] Ids(JsonElement line) => line.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    string Expected(string name) => _cases[name]["expected"]!.GetValue<string>();

    [Fact]
    public void A_text_becomes_a_user_turn_whose_markers_are_single_special_tokens_and_no_bos_is_added()
    {
        var chat = CliRunner.Run(_temp.Path, "tokenize", _model, "--chat", "--text", "What is 2 + 3?");
        Assert.True(chat.ExitCode == 0, chat.Err);
        var line = Line(chat.Out);
        Assert.Equal(["text", "ids", "tokens"], line.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Expected("user"), line.GetProperty("text").GetString());
        // The rendered text tokenized plainly gives the same ids: nothing added, markers as added tokens.
        Assert.Equal(Ids(Line(CliRunner.Run(_temp.Path, "tokenize", _model, "--text", Expected("user")).Out)), Ids(line));
        Assert.Equal(151644, Ids(line)[0]);
        Assert.Equal("<|im_start|>", line.GetProperty("tokens")[0].GetString());
        Assert.Equal(5, Ids(line).Count(id => id is 151644 or 151645));
    }

    [Fact]
    public void Jsonl_lines_may_give_messages_with_or_without_the_generation_prompt()
    {
        string input = _temp.Combine("chat.jsonl");
        var closed = _cases["multi-turn-closed"]["variables"]!.AsObject();
        File.WriteAllLines(input, [
            new JsonObject { ["messages"] = closed["messages"]!.DeepClone(), ["add_generation_prompt"] = false }.ToJsonString(),
            "{\"text\": \"Solve: 12 * 7\"}",
        ]);
        var result = CliRunner.Run(_temp.Path, "tokenize", _model, "--chat", "--file", input);
        Assert.True(result.ExitCode == 0, result.Err);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(Expected("multi-turn-closed"), lines[0].GetProperty("text").GetString());
        Assert.EndsWith("<|im_start|>user\nSolve: 12 * 7<|im_end|>\n<|im_start|>assistant\n", lines[1].GetProperty("text").GetString());

        var withSystem = Line(CliRunner.Run(_temp.Path, "tokenize", _model, "--chat", "--system", "You are a careful math tutor.", "--text", "Solve: 12 * 7").Out);
        Assert.Equal(Expected("system-user"), withSystem.GetProperty("text").GetString());
    }

    [Fact]
    public void A_model_without_a_chat_template_and_bad_lines_are_clear_errors_with_nothing_on_stdout()
    {
        File.Delete(Path.Combine(_model, "tokenizer_config.json"));
        var none = CliRunner.Run(_temp.Path, "tokenize", _model, "--chat", "--text", "hi");
        Assert.Equal(2, none.ExitCode);
        Assert.Equal("", none.Out);
        Assert.Contains($"{_model}: the model has no chat template", none.Err);

        File.WriteAllText(Path.Combine(_model, "chat_template.jinja"), "{% for m in messages %}{{ m.content }}{% endfor %}");
        string input = _temp.Combine("bad.jsonl");
        File.WriteAllText(input, "{\"text\": \"fine\"}\n{\"messages\": [{\"content\": \"no role\"}]}\n");
        var bad = CliRunner.Run(_temp.Path, "tokenize", _model, "--chat", "--file", input);
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("", bad.Out);
        Assert.Contains("bad.jsonl line 2: \"messages\" must be a non-empty list", bad.Err);

        var both = CliRunner.Run(_temp.Path, "tokenize", _model, "--chat", "--special", "--text", "hi");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--chat and --special exclude each other", both.Err);
        Assert.DoesNotContain("   at ", both.Err + bad.Err + none.Err);
    }
}
