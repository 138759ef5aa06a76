using EvoMerge.Experiments.EvoLlmToy;

namespace EvoMerge.Experiments.Tests.EvoLlmToy;

public sealed class ToyScorerTests
{
    [Theory]
    [InlineData("12", "12")]
    [InlineData("the answer is 3 or 07", "7")]
    [InlineData("00", "0")]
    [InlineData("none", null)]
    public void LastNumberTakesTheFinalRunOfDigits(string text, string? expected) => Assert.Equal(expected, ToyScorer.LastNumber(text));
}
