using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

/// <summary>A search's fitness subset (<see cref="LanguageTaskOptions.Rows"/>) scores only the chosen examples.</summary>
public class RowSubsetTests
{
    static readonly GenerationExample[] Examples =
        [new("one", "1"), new("two", "2"), new("three", "3"), new("four", "4"), new("five", "5"), new("six", "6")];

    [Fact]
    public void Only_the_selected_examples_are_scored_in_their_order()
    {
        var all = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, Examples) with { MaxNewTokens = 2 });
        var some = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, Examples) with { MaxNewTokens = 2, Rows = new RowRange(1, 3) });

        Assert.Equal(6, all.Examples.Count);
        Assert.Equal(all.Examples.Skip(1).Take(3), some.Examples);
    }

    [Fact]
    public void The_selection_applies_after_the_limit()
    {
        var scorer = new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, Examples) with { MaxNewTokens = 2, Limit = 4, Rows = new RowRange(2, 3) });
        Assert.Equal(Examples.Skip(2).Take(2), scorer.Examples);
        var error = Assert.ThrowsAny<Exception>(() => new LanguageTaskScorer(TinyLm.Options(LanguageTaskKind.Generation, Examples) with { MaxNewTokens = 2, Limit = 4, Rows = new RowRange(2, 4) }));
        Assert.Contains("4", error.Message);
    }
}
