using EvoMerge.Fitness.Irt;

namespace EvoMerge.Fitness.Tests.Irt;

public class IrtFitterTests
{
    [Fact]
    public void Recovers_known_item_parameters_and_abilities()
    {
        var data = new SyntheticResponses(models: 400, items: 150, seed: 42);
        var model = IrtFitter.Fit(data.Responses);

        double a = SyntheticResponses.Correlation([.. data.Items.Select(i => i.A)], [.. model.Items.Select(i => i.A)]);
        double b = SyntheticResponses.Correlation([.. data.Items.Select(i => i.B)], [.. model.Items.Select(i => i.B)]);
        double theta = SyntheticResponses.Correlation(data.Abilities, model.Abilities);
        Assert.True(a > 0.9, $"discrimination correlation {a:F3}");
        Assert.True(b > 0.9, $"difficulty correlation {b:F3}");
        Assert.True(theta > 0.9, $"ability correlation {theta:F3}");
    }

    [Fact]
    public void Fitting_the_same_matrix_twice_gives_the_same_model()
    {
        var data = new SyntheticResponses(60, 40, 3);
        var first = IrtFitter.Fit(data.Responses);
        var second = IrtFitter.Fit(data.Responses);
        Assert.Equal(first.Items, second.Items);
        Assert.Equal(first.Abilities, second.Abilities);
    }

    [Fact]
    public void Items_everyone_answers_alike_stay_finite()
    {
        var responses = new[] { new[] { 1.0, 0.0, 1.0 }, new[] { 1.0, 0.0, 0.0 }, new[] { 1.0, 0.0, 1.0 } };
        var model = IrtFitter.Fit(responses);
        Assert.All(model.Items, i => Assert.True(double.IsFinite(i.A) && double.IsFinite(i.B)));
        Assert.True(model.Items[0].Probability(0) > 0.5 && model.Items[1].Probability(0) < 0.5);
    }

    [Fact]
    public void Ragged_or_out_of_range_responses_are_refused_naming_the_model()
    {
        var ragged = Assert.Throws<ArgumentException>(() => IrtFitter.Fit([[1.0, 0.0], [1.0]]));
        Assert.Contains("Calibration model 1", ragged.Message);
        var range = Assert.Throws<ArgumentException>(() => IrtFitter.Fit([[1.0, 0.0], [2.0, 0.0]]));
        Assert.Contains("example 0", range.Message);
    }
}
