using EvoMerge.Merging.Samples;
using EvoMerge.Search.Config;
using EvoMerge.Search.ConfigFile;
using EvoMerge.Search.Tasks.Language;

namespace EvoMerge.Search.Tests;

/// <summary>A language task's <c>chat</c> and <c>system</c> fields, checked when the config is read (before any weights).</summary>
public sealed class LanguageChatConfigTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "evomerge-lm-chat-" + Guid.NewGuid().ToString("N"));

    public LanguageChatConfigTests()
    {
        var shape = new TinyLlamaShape(Hidden: 8, Intermediate: 12, Layers: 1, Vocab: 16);
        foreach (var (name, seed) in new[] { ("base", (ulong?)null), ("a", 2UL), ("b", 3UL) })
            TinyLlamaCheckpoints.Write(Combine("models", name), shape, baseSeed: 1, expertSeed: seed);
        File.WriteAllLines(Combine("qa.jsonl"), ["{\"question\": \"one\", \"answer\": \"1\"}"]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    string Combine(params string[] parts) => Path.Combine([_root, .. parts]);

    SearchConfig Parse(string taskExtra) => SearchConfigParser.Parse($$"""
        seed: 3
        models: {base: models/base, experts: [models/a, models/b]}
        merge: {method: linear}
        optimizer: {name: cmaes}
        budget: {evaluations: 4}
        tasks:
          - {name: qa, evaluator: language, kind: generation, data: qa.jsonl, metric: exact_match{{taskExtra}}}
        """, _root, "lm.yml", "lm");

    void WriteTemplate(string template) =>
        File.WriteAllText(Combine("models", "base", "chat_template.jinja"), template);

    [Fact]
    public void A_chat_task_on_a_model_without_a_chat_template_is_a_config_error_naming_the_folder()
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse(", chat: true"));
        Assert.Contains("tasks[0].chat", error.Message);
        Assert.Contains(Combine("models", "base"), error.Message);
        Assert.Contains("no chat template", error.Message);
    }

    [Fact]
    public void A_template_that_does_not_parse_is_a_config_error_with_its_position()
    {
        WriteTemplate("{% for m in messages %}{{ m.content }}");
        var error = Assert.Throws<SearchConfigException>(() => Parse(", chat: true"));
        Assert.Contains("chat_template.jinja", error.Message);
        Assert.Contains("endfor", error.Message);
    }

    [Fact]
    public void Chat_and_system_are_read_and_written_back()
    {
        WriteTemplate("{% for m in messages %}{{ m.content }}{% endfor %}");
        var spec = Parse(", chat: true, system: \"Be brief.\"").Tasks[0].SettingsAs<LanguageTaskSpec>();
        Assert.True(spec.Chat);
        Assert.Equal("Be brief.", spec.System);
        var fields = new LanguageModelTaskKind().Write(spec);
        Assert.Contains(fields, f => f.Key == "chat" && f.Yaml == "true");
        Assert.False(Parse("").Tasks[0].SettingsAs<LanguageTaskSpec>().Chat);
    }

    [Theory]
    [InlineData(", system: \"x\"", "tasks[0].system")]
    [InlineData(", chat: maybe", "tasks[0].chat: expected true or false")]
    public void A_system_prompt_needs_chat_and_chat_is_a_boolean(string extra, string problem)
    {
        var error = Assert.Throws<SearchConfigException>(() => Parse(extra));
        Assert.Contains(problem, error.Message);
    }
}
