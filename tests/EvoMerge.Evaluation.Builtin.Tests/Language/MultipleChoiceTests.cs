using EvoMerge.Evaluation.Builtin.Language;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

public class MultipleChoiceTests
{
    private static readonly MultipleChoiceExample[] Examples =
    [
        new("what is one plus two ?", ["three", "four", "five six"], 0),
        new("the cat sat on", ["a mat", "the dog ran far", "red"], 1),
        new("Q: red", ["blue", "green"], 1),
        new("the dog ran", ["far away", "on a mat", "seven", "1,234"], 3),
    ];

    [Fact]
    public void Choice_log_likelihoods_equal_a_manual_log_softmax_and_the_best_choice_is_picked()
    {
        using var built = TinyLm.Build(seed: 7);
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.MultipleChoice, Examples) with { BatchSize = 3 });
        var outcomes = scorer.ScoreExamples(built.Model, CancellationToken.None);
        var expectedScores = new double[Examples.Length];
        for (var i = 0; i < Examples.Length; i++)
        {
            var manual = Examples[i].Choices.Select(c => TinyLm.ContinuationLogLikelihood(built.Model, Examples[i].Prompt, c)).ToArray();
            for (var c = 0; c < manual.Length; c++)
            {
                Assert.Equal(manual[c], outcomes[i].ChoiceLogLikelihoods![c], 1e-4);
            }

            var best = Array.IndexOf(manual, manual.Max());
            Assert.Equal(best, outcomes[i].PredictedChoice);
            expectedScores[i] = best == Examples[i].Answer ? 1 : 0;
        }

        var result = scorer.Score(built.Model, CancellationToken.None);
        Assert.Equal(expectedScores, result.PerExampleScores!);
        Assert.Equal(expectedScores.Average(), result.Metrics["accuracy"]);
        Assert.Equal(["accuracy"], result.Metrics.Keys);
    }

    [Fact]
    public void Per_token_normalization_prefers_a_longer_choice_whose_tokens_are_likelier_on_average()
    {
        using var built = TinyLm.Build(seed: 11);
        const string prompt = "the cat sat on";
        string[] words = ["a", "mat", "dog", "ran", "far", "away", "red", "blue", "green", "three", "one", "the"];
        var singles = words.Select(w => (Text: w, Sum: TinyLm.ContinuationLogLikelihood(built.Model, prompt, w))).ToArray();
        var pairs = words.SelectMany(a => words.Select(b => $"{a} {b}"))
            .Select(p => (Text: p, Sum: TinyLm.ContinuationLogLikelihood(built.Model, prompt, p))).ToArray();
        // A one-word choice more likely in total but less likely per token than a two-word one.
        var (shortChoice, longChoice) = singles.SelectMany(s => pairs.Select(p => (Short: s, Long: p)))
            .Where(x => x.Short.Sum > x.Long.Sum + 0.05 && x.Short.Sum < x.Long.Sum / 2 - 0.05)
            .First();
        var example = new MultipleChoiceExample(prompt, [shortChoice.Text, longChoice.Text], 1);

        var plain = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.MultipleChoice, example));
        var perToken = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.MultipleChoice, example) with { Normalization = ChoiceNormalization.PerToken });
        var plainOutcome = plain.ScoreExamples(built.Model, CancellationToken.None)[0];
        var perTokenOutcome = perToken.ScoreExamples(built.Model, CancellationToken.None)[0];
        Assert.Equal(0, plainOutcome.PredictedChoice);
        Assert.Equal(0.0, plainOutcome.Score);
        Assert.Equal(1, perTokenOutcome.PredictedChoice);
        Assert.Equal(1.0, perTokenOutcome.Score);
        Assert.Equal(longChoice.Sum / 2, perTokenOutcome.ChoiceScores![1], 1e-4);
    }

    [Fact]
    public void Per_character_normalization_divides_by_the_continuation_length_with_its_delimiter()
    {
        using var built = TinyLm.Build(seed: 7);
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.MultipleChoice, Examples[1]) with { Normalization = ChoiceNormalization.PerCharacter });
        var outcome = scorer.ScoreExamples(built.Model, CancellationToken.None)[0];
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(outcome.ChoiceLogLikelihoods![c] / (1 + Examples[1].Choices[c].Length), outcome.ChoiceScores![c], 12);
        }
    }

    [Fact]
    public void Batch_size_does_not_change_the_scores()
    {
        using var built = TinyLm.Build(seed: 3);
        var options = TinyLm.Options(LanguageTaskKind.MultipleChoice, Examples) with { Prompt = new() { Template = "Q: {question} A:" }, FewShotCount = 1 };
        var one = new LanguageTaskScorer(options with { BatchSize = 1 }).ScoreExamples(built.Model, CancellationToken.None);
        var five = new LanguageTaskScorer(options with { BatchSize = 5 }).ScoreExamples(built.Model, CancellationToken.None);
        Assert.Equal(3, one.Count);
        for (var i = 0; i < one.Count; i++)
        {
            Assert.Equal(one[i].PredictedChoice, five[i].PredictedChoice);
            for (var c = 0; c < one[i].ChoiceLogLikelihoods!.Count; c++)
            {
                Assert.Equal(one[i].ChoiceLogLikelihoods![c], five[i].ChoiceLogLikelihoods![c], 1e-4);
            }
        }
    }
}
