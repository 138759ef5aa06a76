using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

/// <summary>Examples longer than the model's context are refused at load; batches are bounded in tokens, not only rows.</summary>
public class ContextLengthTests
{
    private static readonly string LongPrompt = string.Join(' ', Enumerable.Repeat("the cat sat on a mat", 5));

    [Fact]
    public void A_prompt_longer_than_max_position_embeddings_is_refused_naming_its_file_and_line()
    {
        using var files = new TempFolder();
        var path = files.WriteLines("task.jsonl",
            """{"prompt": "one plus two", "answer": "3"}""",
            "",
            $$"""{"prompt": "{{LongPrompt}}", "answer": "3"}""");

        var error = Assert.Throws<TaskDataException>(() => new LanguageTaskEvaluator(new LanguageEvaluatorOptions
        {
            Task = TinyLm.Options(LanguageTaskKind.Generation) with { Examples = null, TaskPath = path, MaxNewTokens = 4 },
            ModelConfig = TinyLm.Config() with { MaxPositionEmbeddings = 24 },
        }));

        Assert.Contains($"{path}, line 3", error.Message);
        Assert.Contains("35 tokens", error.Message); // BOS + 30 words + 4 new tokens
        Assert.Contains("context of 24 tokens (max_position_embeddings", error.Message);
    }

    [Fact]
    public void The_longest_choice_counts_and_short_tasks_pass()
    {
        MultipleChoiceExample[] examples = [new("what is one plus two", ["three", "one two three four five six seven"], 0, "mc.jsonl, line 1")];
        var options = TinyLm.Options(LanguageTaskKind.MultipleChoice, examples);

        var error = Assert.Throws<TaskDataException>(() => new LanguageTaskScorer(options with { ContextLength = 10 }));
        Assert.Contains("mc.jsonl, line 1: its prompt with its longest choice takes 13 tokens", error.Message);
        Assert.Single(new LanguageTaskScorer(options with { ContextLength = 13 }).Examples);
    }

    [Fact]
    public void Batches_of_long_prompts_get_fewer_rows()
    {
        GenerationExample[] examples =
        [
            new(LongPrompt, "1"), new("one plus two", "3"), new("two", "3"), new("one", "1"), new("six", "6"), new("seven", "7"),
        ];
        var script = examples.ToDictionary(e => e.Prompt, _ => "1");
        var model = new ScriptedLm(script);
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, examples) with
        {
            BatchSize = 8,
            MaxBatchTokens = 40,
            MaxNewTokens = 4,
            AddBos = false,
        });

        scorer.Score(model, CancellationToken.None);

        // The 30-token prompt (34 with its new tokens) runs alone; the five short ones (at most 7 tokens each) together.
        Assert.Equal([1, 5], model.Batches.Select(b => b.Ids.GetLength(0)));
        Assert.All(model.Batches, b => Assert.True(b.Ids.GetLength(0) == 1 || b.Ids.Length + (b.Ids.GetLength(0) * 4) <= 40));
    }

    [Fact]
    public void Without_a_token_limit_the_vocabulary_sets_it()
    {
        GenerationExample[] examples =
        [
            new(LongPrompt, "1"), new("one plus two", "3"), new("two", "3"), new("one", "1"), new("six", "6"), new("seven", "7"),
        ];
        var script = examples.ToDictionary(e => e.Prompt, _ => "1");
        var small = new ScriptedLm(script);
        var huge = new ScriptedLm(script, vocabularySize: (1 << 28) / 40); // 1 GiB of float32 logits is 40 tokens
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, examples) with { BatchSize = 8, MaxNewTokens = 4, AddBos = false });

        scorer.Score(small, CancellationToken.None);
        scorer.Score(huge, CancellationToken.None);

        Assert.Equal([6], small.Batches.Select(b => b.Ids.GetLength(0)));
        Assert.Equal([1, 5], huge.Batches.Select(b => b.Ids.GetLength(0)));
    }

    [Fact]
    public void Token_bounded_batches_give_the_same_log_likelihoods()
    {
        PerplexityExample[] texts = [new(LongPrompt), new("the dog ran far away"), new("one plus two is three"), new("red blue green")];
        using var built = TinyLm.Build(seed: 4);
        var wide = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Perplexity, texts) with { BatchSize = 8 });
        var narrow = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Perplexity, texts) with { BatchSize = 8, MaxBatchTokens = 12 });

        var expected = wide.Score(built.Model, CancellationToken.None).PerExampleScores!;
        var actual = narrow.Score(built.Model, CancellationToken.None).PerExampleScores!;

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 4);
        }
    }
}
