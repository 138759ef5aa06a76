using EvoMerge.Merging.Config;

namespace EvoMerge.Merging.Tests.Config;

public class ParameterSettingTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.25, 0.75)]
    public void Two_point_gradient_interpolates_linearly(double t, double expected)
    {
        var g = new ParameterSetting.Gradient([1.0, 0.0]);
        Assert.Equal(expected, g.Evaluate("x", t)!.Value, 12);
    }

    [Fact]
    public void Multi_point_gradient_is_piecewise_linear()
    {
        var g = new ParameterSetting.Gradient([0.0, 1.0, 0.0, 0.5]);
        // three segments: t in [0, 1/3] rises 0->1, [1/3, 2/3] falls to 0, [2/3, 1] rises to 0.5
        Assert.Equal(0.5, g.Evaluate("x", 1.0 / 6)!.Value, 12);
        Assert.Equal(1.0, g.Evaluate("x", 1.0 / 3)!.Value, 12);
        Assert.Equal(0.25, g.Evaluate("x", 5.0 / 6)!.Value, 12);
        Assert.Equal(0.5, g.Evaluate("x", 1.0)!.Value, 12);
    }

    [Fact]
    public void First_matching_filter_wins_and_no_match_gives_null()
    {
        var f = new ParameterSetting.Filtered([
            new FilterEntry("self_attn", new ParameterSetting.Scalar(0.3)),
            new FilterEntry("mlp", new ParameterSetting.Scalar(0.7)),
        ]);
        Assert.Equal(0.3, f.Evaluate("model.layers.0.self_attn.q_proj.weight", 0));
        Assert.Equal(0.7, f.Evaluate("model.layers.0.mlp.up_proj.weight", 0));
        Assert.Null(f.Evaluate("model.norm.weight", 0));
    }

    [Fact]
    public void Unfiltered_and_star_entries_match_everything()
    {
        var f = new ParameterSetting.Filtered([
            new FilterEntry("mlp", new ParameterSetting.Scalar(0.7)),
            new FilterEntry("*", new ParameterSetting.Gradient([0.0, 1.0])),
        ]);
        Assert.Equal(0.25, f.Evaluate("model.norm.weight", 0.25));
        Assert.Equal(0.7, f.Evaluate("mlp", 0.25));
    }
}
