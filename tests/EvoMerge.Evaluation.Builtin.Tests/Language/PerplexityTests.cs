using EvoMerge.Evaluation.Builtin.Language;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

public class PerplexityTests
{
    private static readonly PerplexityExample[] Texts =
    [
        new("the cat sat on a mat"),
        new("the dog ran far away"),
        new("one plus two is three"),
        new("red blue"),
        new("Q: what is six A: 1,234 seven"),
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Per_example_scores_and_metrics_equal_the_manual_log_softmax(bool addBos)
    {
        using var built = TinyLm.Build(seed: 5);
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Perplexity, Texts) with { AddBos = addBos, BatchSize = 2 });
        var result = scorer.Score(built.Model, CancellationToken.None);
        var manual = Texts.Select(t => TinyLm.TokenLogProbs(built.Model, TinyLm.Ids(t.Text, addBos))).ToArray();
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(manual[i].Average(), result.PerExampleScores![i], 1e-4);
        }

        var meanNll = -manual.Sum(m => m.Sum()) / manual.Sum(m => m.Length);
        Assert.Equal(-meanNll, result.Metrics["neg_nll"], 1e-4);
        Assert.Equal(-Math.Exp(meanNll), result.Metrics["neg_perplexity"], 1e-3);
        Assert.True(meanNll > 0.5, $"a random model should not predict well (mean NLL {meanNll})");
    }

    [Fact]
    public void Batch_size_does_not_change_the_scores()
    {
        using var built = TinyLm.Build(seed: 5);
        var options = TinyLm.Options(LanguageTaskKind.Perplexity, Texts);
        var one = new LanguageTaskScorer(options with { BatchSize = 1 }).Score(built.Model, CancellationToken.None);
        var all = new LanguageTaskScorer(options with { BatchSize = 8 }).Score(built.Model, CancellationToken.None);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(one.PerExampleScores![i], all.PerExampleScores![i], 1e-4);
        }
    }
}
