using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

public class GenerationTests
{
    private static readonly Dictionary<string, string> Script = new()
    {
        ["one plus two"] = "the answer is 1,234 .",
        ["six plus six is what"] = "12 . Q: what is",
        ["two"] = "three",
        ["one plus one"] = "the cat is 3",
    };

    private static readonly GenerationExample[] Examples =
    [
        new("one plus two", "1234"),
        new("six plus six is what", "The answer is 12."),
        new("two", "3"),
        new("one plus one", "3"),
    ];

    [Fact]
    public void Last_number_exact_match_with_stop_strings_and_a_language_check()
    {
        var model = new ScriptedLm(Script);
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, Examples) with
        {
            StopStrings = ["Q:"],
            LanguageCheck = new LanguageCheck { AllowedWords = new HashSet<string> { "the", "answer", "is" } },
        });
        var outcomes = scorer.ScoreExamples(model, CancellationToken.None);
        Assert.Equal(["the answer is 1,234 .", "12 . ", "three", "the cat is 3"], outcomes.Select(o => o.Output));
        Assert.Equal(["1234", "12", null, "3"], outcomes.Select(o => o.ExtractedAnswer));
        Assert.Equal([true, true, false, true], outcomes.Select(o => o.AnswerMatches!.Value));
        Assert.Equal([true, true, false, false], outcomes.Select(o => o.LanguageOk!.Value));

        var result = scorer.Score(model, CancellationToken.None);
        Assert.Equal([1.0, 1.0, 0.0, 0.0], result.PerExampleScores!);
        Assert.Equal(0.5, result.Metrics["exact_match"]);
        Assert.Equal(0.75, result.Metrics["answer_match"]);
        Assert.Equal(0.5, result.Metrics["language_ok"]);
    }

    [Fact]
    public void Prompts_are_left_padded_with_the_pad_id_and_masked()
    {
        var model = new ScriptedLm(Script);
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, Examples) with { BatchSize = 4, AddBos = false });
        var result = scorer.Score(model, CancellationToken.None);
        Assert.Equal(["exact_match"], result.Metrics.Keys);
        var (ids, mask) = Assert.Single(model.Batches);
        // Longest prompt first ("six plus six is what", 5 tokens); "two" is one token, so four pad slots on its left.
        var twoRow = Enumerable.Range(0, 4).Single(r => mask[r, 0] + mask[r, 1] + mask[r, 2] + mask[r, 3] == 0);
        for (var t = 0; t < 4; t++)
        {
            Assert.Equal(TinyLm.Tokenizer.PadTokenId!.Value, ids[twoRow, t]);
        }

        Assert.Equal(1, mask[twoRow, 4]);
        Assert.Equal(TinyLm.Tokenizer.Encode("two")[0], ids[twoRow, 4]);
    }

    [Fact]
    public void Generation_stops_on_every_stop_token_of_the_tokenizer()
    {
        // A chat model ends turns with tokens other than its EOS (generation_config.json lists them all).
        var model = new ScriptedLm(Script);
        var tokenizer = new StopTokensTokenizer(TinyLm.Tokenizer, [TinyLm.Tokenizer.EosTokenId!.Value, 7]);
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, Examples) with { Tokenizer = tokenizer });
        scorer.Score(model, CancellationToken.None);
        Assert.All(model.Options, options => Assert.Equal([TinyLm.Tokenizer.EosTokenId!.Value, 7L], options.StopTokenIds.Order()));
    }

    private sealed class StopTokensTokenizer(Models.Tokenizers.ITextTokenizer inner, IReadOnlyList<int> stops) : Models.Tokenizers.ITextTokenizer
    {
        public string Format => inner.Format;
        public int? BosTokenId => inner.BosTokenId;
        public int? EosTokenId => inner.EosTokenId;
        public int? PadTokenId => inner.PadTokenId;
        public IReadOnlyList<int> StopTokenIds => stops;
        public IReadOnlyList<int> Encode(string text) => inner.Encode(text);
        public string Decode(IEnumerable<int> ids) => inner.Decode(ids);
    }

    [Theory]
    [InlineData(AnswerExtraction.FirstLine)]
    [InlineData(AnswerExtraction.Full)]
    public void A_real_model_matches_its_own_greedy_continuation_whatever_the_batch_size(AnswerExtraction rule)
    {
        using var built = TinyLm.Build(seed: 21);
        string[] prompts = ["what is one plus two ?", "the cat sat", "Q: red blue A:"];
        var expected = prompts.Select(p => GreedyAlone(built.Model, p)).ToArray();
        Assert.All(expected, e => Assert.NotEmpty(e));
        GenerationExample[] examples = [new(prompts[0], expected[0]), new(prompts[1], expected[1]), new(prompts[2], "surely not this")];
        foreach (var batchSize in new[] { 1, 3 })
        {
            var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, examples) with { Extraction = rule, MaxNewTokens = 6, BatchSize = batchSize });
            var outcomes = scorer.ScoreExamples(built.Model, CancellationToken.None);
            Assert.Equal(expected, outcomes.Select(o => o.Output));
            Assert.Equal([1.0, 1.0, 0.0], outcomes.Select(o => o.Score));
        }
    }

    /// <summary>The greedy continuation of one unpadded prompt, straight from the model.</summary>
    private static string GreedyAlone(ICausalLm model, string prompt)
    {
        var ids = TinyLm.Ids(prompt);
        using var input = tensor(ids, [1, ids.Length]);
        var generated = model.GenerateGreedy(input, null,
            new GenerationOptions { MaxNewTokens = 6, StopTokenIds = [TinyLm.Tokenizer.EosTokenId!.Value] });
        return TinyLm.Tokenizer.Decode(generated[0].Tokens.Select(t => (int)t));
    }
}
