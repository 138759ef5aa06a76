using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

public class TaskFileTests
{
    [Fact]
    public void Each_kind_reads_its_fields_and_blank_lines_are_skipped()
    {
        using var files = new TempFolder();
        var mc = LanguageTaskFile.Read(files.WriteLines("mc.jsonl",
            """{"question": "what is one plus two ?", "choices": ["three", "four"], "answer": 0, "id": "x"}""",
            "",
            """{"prompt": "the cat sat on", "choices": ["a mat", "a dog", "red"], "answer": 2}"""), LanguageTaskKind.MultipleChoice);
        Assert.Equal(2, mc.Count);
        var first = Assert.IsType<MultipleChoiceExample>(mc[0]);
        Assert.Equal("what is one plus two ?", first.Prompt);
        Assert.Equal(["three", "four"], first.Choices);
        Assert.Equal(0, first.Answer);
        Assert.EndsWith("mc.jsonl, line 3", mc[1].Source);

        var generation = LanguageTaskFile.Read(files.WriteLines("gen.jsonl",
            """{"prompt": "one plus two", "answer": "three"}""",
            """{"question": "six times two", "answer": 12}"""), LanguageTaskKind.Generation);
        Assert.Equal("three", ((GenerationExample)generation[0]).Answer);
        Assert.Equal("12", ((GenerationExample)generation[1]).Answer);

        var texts = LanguageTaskFile.Read(files.WriteLines("ppl.jsonl", """{"text": "the dog ran"}"""), LanguageTaskKind.Perplexity);
        Assert.Equal("the dog ran", Assert.IsType<PerplexityExample>(Assert.Single(texts)).Text);
    }

    [Theory]
    [InlineData("""{"prompt": "p", "choices": ["a", "b"], "answer": 2}""", "field 'answer': expected the index of the correct choice (0 to 1), found 2")]
    [InlineData("""{"prompt": "p", "choices": ["a"], "answer": 0}""", "field 'choices': expected an array of at least two strings")]
    [InlineData("""{"prompt": "p", "choices": ["a", ""], "answer": 0}""", "field 'choices[1]': expected a non-empty string")]
    [InlineData("""{"prompt": "p", "question": "q", "choices": ["a", "b"], "answer": 0}""", "exactly one of the fields 'prompt' and 'question'")]
    [InlineData("""{"choices": ["a", "b"], "answer": 0}""", "exactly one of the fields 'prompt' and 'question'")]
    [InlineData("""{"prompt": 3, "choices": ["a", "b"], "answer": 0}""", "field 'prompt': expected a string, found Number")]
    [InlineData("""["prompt"]""", "expected a JSON object, found Array")]
    [InlineData("""{"prompt": "p",""", "not valid JSON")]
    public void Malformed_multiple_choice_lines_name_the_line_and_field(string line, string expected)
    {
        using var files = new TempFolder();
        var path = files.WriteLines("bad.jsonl", """{"prompt": "fine", "choices": ["a", "b"], "answer": 1}""", line);
        var error = Assert.Throws<TaskDataException>(() => LanguageTaskFile.Read(path, LanguageTaskKind.MultipleChoice));
        Assert.Contains($"{path}, line 2", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Generation_and_perplexity_lines_need_their_fields()
    {
        using var files = new TempFolder();
        var blank = Assert.Throws<TaskDataException>(() => LanguageTaskFile.Read(files.WriteLines("g.jsonl", """{"prompt": "p", "answer": " "}"""), LanguageTaskKind.Generation));
        Assert.Contains("line 1, field 'answer': expected a non-blank string or a number", blank.Message);
        var missing = Assert.Throws<TaskDataException>(() => LanguageTaskFile.Read(files.WriteLines("p.jsonl", """{"prompt": "p"}"""), LanguageTaskKind.Perplexity));
        Assert.Contains("line 1, field 'text': missing", missing.Message);
    }

    [Fact]
    public void Missing_and_empty_files_are_reported()
    {
        using var files = new TempFolder();
        var missingPath = Path.Combine(files.Path, "none.jsonl");
        Assert.Contains("task file not found", Assert.Throws<TaskDataException>(() => LanguageTaskFile.Read(missingPath, LanguageTaskKind.Perplexity)).Message);
        var empty = files.WriteLines("empty.jsonl", "", "  ");
        Assert.Contains("no examples", Assert.Throws<TaskDataException>(() => LanguageTaskFile.Read(empty, LanguageTaskKind.Perplexity)).Message);
    }
}
