using EvoMerge.Fitness.Stopping;

namespace EvoMerge.Fitness.Tests.Stopping;

public class PlateauTests
{
    [Fact]
    public void Triggers_exactly_after_G_generations_without_improvement_above_min_delta()
    {
        var plateau = new Plateau(generations: 3, minDelta: 0.01);
        Assert.False(plateau.Observe(-0.50)); // first generation sets the reference
        Assert.False(plateau.Observe(-0.60)); // improvement by 0.10: resets
        Assert.False(plateau.Observe(-0.605)); // 0.005 <= min_delta: 1 without improvement
        Assert.False(plateau.Observe(-0.609)); // still within min_delta of -0.60: 2
        Assert.True(plateau.Observe(-0.55)); // worse: 3 = G, stop
        Assert.Equal(-0.60, plateau.Reference);
    }

    [Fact]
    public void An_improvement_above_min_delta_resets_the_count()
    {
        var plateau = new Plateau(2, 0.001);
        plateau.Observe(1.0);
        Assert.False(plateau.Observe(1.0));
        Assert.False(plateau.Observe(0.998));
        Assert.Equal(0, plateau.GenerationsWithoutImprovement);
        Assert.False(plateau.Observe(0.998));
        Assert.True(plateau.Observe(0.998));
    }

    [Fact]
    public void A_generation_without_any_completed_trial_counts_as_no_improvement()
    {
        var plateau = new Plateau(2, 0);
        Assert.False(plateau.Observe(double.NaN));
        Assert.True(plateau.Observe(double.PositiveInfinity));
    }

    [Fact]
    public void Restored_state_continues_as_the_uninterrupted_rule()
    {
        var values = new[] { 3.0, 2.0, 1.95, 1.99, 1.5, 1.49, 1.48, 1.47 };
        var whole = new Plateau(3, 0.05);
        var firstHalf = new Plateau(3, 0.05);
        var wholeResults = values.Select(whole.Observe).ToArray();
        foreach (var v in values.Take(4)) firstHalf.Observe(v);
        var resumed = new Plateau(3, 0.05);
        resumed.Restore(firstHalf.State);
        var resumedResults = values.Skip(4).Select(resumed.Observe).ToArray();
        Assert.Equal(wholeResults.Skip(4), resumedResults);
        Assert.True(wholeResults[^1]);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(5, -0.1)]
    [InlineData(5, double.NaN)]
    public void Bad_settings_are_refused_naming_the_field(int generations, double minDelta)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Plateau(generations, minDelta));
        Assert.Contains("patience.", error.Message);
    }
}
