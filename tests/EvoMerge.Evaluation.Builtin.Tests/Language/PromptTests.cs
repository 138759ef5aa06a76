using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

public class PromptTests
{
    private static readonly PromptTemplate QA = new() { Template = "Q: {question}\nA:", FewShotSeparator = "\n\n", TargetDelimiter = " " };

    private static GenerationExample Gen(string prompt, string answer) => new(prompt, answer);

    [Fact]
    public void Few_shot_examples_come_from_the_first_lines_which_are_not_scored()
    {
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation,
            Gen("one plus one", "2"), Gen("one plus two", "3"), Gen("six plus six", "12"), Gen("two plus one", "3")) with
        {
            Prompt = QA with { Preamble = "Solve.\n" },
            FewShotCount = 2,
        });
        Assert.Equal(
            ["Solve.\nQ: one plus one\nA: 2\n\nQ: one plus two\nA: 3\n\nQ: six plus six\nA:",
             "Solve.\nQ: one plus one\nA: 2\n\nQ: one plus two\nA: 3\n\nQ: two plus one\nA:"],
            scorer.Prompts);
        Assert.Equal(["six plus six", "two plus one"], scorer.Examples.Select(e => ((GenerationExample)e).Prompt));
        Assert.Equal(2, scorer.FewShotExamples.Count);
    }

    [Fact]
    public void Few_shot_examples_from_a_separate_file_leave_every_task_example_scored_and_the_limit_applies()
    {
        using var files = new TempFolder();
        var shots = files.WriteLines("shots.jsonl", """{"question": "red", "choices": ["blue", "green"], "answer": 1}""");
        var task = files.WriteLines("task.jsonl",
            """{"question": "the cat", "choices": ["sat", "ran"], "answer": 0}""",
            """{"question": "the dog", "choices": ["sat", "ran"], "answer": 1}""",
            """{"question": "a mat", "choices": ["sat", "ran"], "answer": 1}""");
        var scorer = new LanguageTaskScorer(new LanguageTaskOptions
        {
            Kind = LanguageTaskKind.MultipleChoice,
            Tokenizer = TinyLm.Tokenizer,
            TaskPath = task,
            FewShotPath = shots,
            FewShotCount = 1,
            Limit = 2,
            Prompt = QA,
        });
        Assert.Equal(["Q: red\nA: green\n\nQ: the cat\nA:", "Q: red\nA: green\n\nQ: the dog\nA:"], scorer.Prompts);
    }

    [Fact]
    public void Placeholders_are_filled_once_and_both_names_work()
    {
        var template = new PromptTemplate { Template = "[{prompt}|{question}]" };
        Assert.Equal("[x {question} y|x {question} y]", template.Render("x {question} y"));
    }

    [Fact]
    public void Perplexity_prompts_are_the_texts_themselves()
    {
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Perplexity, new PerplexityExample("the dog ran")) with { Prompt = QA });
        Assert.Equal(["the dog ran"], scorer.Prompts);
    }

    [Fact]
    public void Bad_options_are_refused_with_the_reason()
    {
        var options = TinyLm.Options(LanguageTaskKind.Generation, Gen("one", "1"), Gen("two", "2"));
        Assert.Contains("placeholder", Assert.Throws<ArgumentException>(() => new LanguageTaskScorer(options with { Prompt = new() { Template = "Q:" } })).Message);
        Assert.Contains("exactly one of TaskPath and Examples",
            Assert.Throws<ArgumentException>(() => new LanguageTaskScorer(options with { TaskPath = "x.jsonl" })).Message);
        Assert.Contains("3 few-shot examples asked for, 2 available",
            Assert.Throws<TaskDataException>(() => new LanguageTaskScorer(options with { FewShotCount = 3 })).Message);
        Assert.Contains("no examples left to score",
            Assert.Throws<TaskDataException>(() => new LanguageTaskScorer(options with { FewShotCount = 2 })).Message);
        Assert.Contains("is a MultipleChoice example in a Generation task", Assert.Throws<TaskDataException>(() => new LanguageTaskScorer(
            options with { Examples = [new MultipleChoiceExample("p", ["a", "b"], 0, "mc line")] })).Message);
        Assert.Contains("FewShotCount must be 0", Assert.Throws<ArgumentException>(() => new LanguageTaskScorer(
            TinyLm.Options(LanguageTaskKind.Perplexity, new PerplexityExample("the dog")) with { FewShotCount = 1 })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LanguageTaskScorer(options with { Limit = 0 }));
    }

    [Fact]
    public void References_without_anything_to_extract_are_refused_at_construction()
    {
        var error = Assert.Throws<TaskDataException>(() => new LanguageTaskScorer(
            TinyLm.Options(LanguageTaskKind.Generation, new GenerationExample("one plus two", "three", "gen.jsonl, line 4"))));
        Assert.Contains("gen.jsonl, line 4: the answer \"three\" has nothing for the LastNumber rule to extract", error.Message);
    }

    [Fact]
    public void Texts_too_short_to_predict_anything_are_refused()
    {
        var error = Assert.Throws<TaskDataException>(() => new LanguageTaskScorer(
            TinyLm.Options(LanguageTaskKind.Perplexity, new PerplexityExample("dog", "p.jsonl, line 1")) with { AddBos = false }));
        Assert.Contains("p.jsonl, line 1: the text needs at least 2 token(s)", error.Message);
    }
}
