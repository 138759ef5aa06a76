using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Data;
using EvoMerge.Models.Tokenizers.ChatTemplates;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

/// <summary>Prompts wrapped as a user turn by a model's chat template (a language task's <c>chat: true</c>).</summary>
public sealed class ChatPromptTests : IDisposable
{
    const string Template = "{{ bos_token }}{% for m in messages %}{{ m.role }}: {{ m.content }} .\n{% endfor %}{% if add_generation_prompt %}answer = {% endif %}";
    readonly TempFolder _folder = new();
    readonly ModelChatTemplate _chat;

    public ChatPromptTests()
    {
        File.WriteAllText(_folder.Combine("tokenizer_config.json"),
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["chat_template"] = Template, ["bos_token"] = "<bos>" }));
        _chat = ModelChatTemplate.Load(_folder.Path)!;
    }

    public void Dispose() => _folder.Dispose();

    static MultipleChoiceExample Choice(string question) => new(question, ["red", "blue"], 1);

    LanguageTaskOptions Options(params LanguageExample[] examples) =>
        TinyLm.Options(LanguageTaskKind.MultipleChoice, examples) with { ChatTemplate = _chat, Prompt = new PromptTemplate { Template = "Q: {question}" } };

    [Fact]
    public void The_prompt_after_the_prompt_template_becomes_the_user_turn_after_the_system_turn()
    {
        var scorer = new LanguageTaskScorer(Options(Choice("what is one")) with { SystemPrompt = "the cat" });
        Assert.Equal(["<bos>system: the cat .\nuser: Q: what is one .\nanswer = "], scorer.Prompts);
    }

    [Fact]
    public void No_second_bos_is_added_and_the_choice_follows_the_opened_turn_directly()
    {
        string prompt = _chat.RenderPrompt("Q: what is one");
        // The template's own <bos> plus the prompt and the longest choice, nothing more: one token less must not fit.
        int needed = TinyLm.Tokenizer.Encode(prompt + "blue").Count;
        Assert.Equal(needed, TinyLm.Tokenizer.Encode(prompt).Count + 1);
        _ = new LanguageTaskScorer(Options(Choice("what is one")) with { ContextLength = needed });
        Assert.Throws<TaskDataException>(() => new LanguageTaskScorer(Options(Choice("what is one")) with { ContextLength = needed - 1 }));
    }

    [Fact]
    public void A_template_that_refuses_the_conversation_names_the_example_and_the_template_file()
    {
        File.WriteAllText(_folder.Combine("chat_template.jinja"), "{{ raise_exception('only English') }}");
        var refusing = ModelChatTemplate.Load(_folder.Path)!;
        var error = Assert.Throws<TaskDataException>(() => new LanguageTaskScorer(Options(Choice("what is one")) with { ChatTemplate = refusing }));
        Assert.Contains("chat_template.jinja", error.Message);
        Assert.Contains("only English", error.Message);
    }

    [Fact]
    public void Perplexity_tasks_and_system_prompts_without_a_template_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Perplexity, new PerplexityExample("the cat sat")) with { ChatTemplate = _chat }));
        Assert.Throws<ArgumentException>(() => new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.MultipleChoice, Choice("what is one")) with { SystemPrompt = "x" }));
    }
}
