using EvoMerge.Optimizers.Cma;
using MathNet.Numerics.Distributions;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class MarginCorrectionTests
{
    [Fact]
    public void Discrete_values_encode_by_midpoint_thresholds()
    {
        var values = new DiscreteValues([2, 0, 5]);
        Assert.Equal([0.0, 2, 5], values.Values);
        Assert.Equal(1, values.Threshold(0));
        Assert.Equal(3.5, values.Threshold(1));
        Assert.Equal(0, values.Encode(-100));
        Assert.Equal(0, values.Encode(1)); // a threshold itself belongs to the lower value
        Assert.Equal(2, values.Encode(1.0001));
        Assert.Equal(5, values.Encode(3.6));
        Assert.Throws<ArgumentException>(() => new DiscreteValues([1, 1]));
        Assert.Throws<ArgumentException>(() => DiscreteValues.Categorical(1));
    }

    [Fact]
    public void A_binary_gene_far_from_its_threshold_is_pulled_back_to_exactly_the_margin()
    {
        // Mean 3 with sd 0.5: P(x > 0.5) is about 3e-7, below a margin of 0.01.
        var (mean, scale) = MarginCorrection.Correct(DiscreteValues.Binary(), 3, 1, 0.5, 0.01);
        Assert.Equal(1, scale);
        Assert.Equal(0.5 + 0.5 * 2.3263478740408408, mean, 12); // threshold + sd * z(0.99)
        Assert.Equal(0.01, Normal.CDF(mean, 0.5, 0.5), 12);
        // Below the lowest threshold it moves up toward it.
        var (low, _) = MarginCorrection.Correct(DiscreteValues.Binary(), -3, 1, 0.5, 0.01);
        Assert.Equal(0.01, 1 - Normal.CDF(low, 0.5, 0.5), 12);
    }

    [Fact]
    public void Nothing_changes_while_the_margin_holds()
    {
        Assert.Equal((0.7, 1.0), MarginCorrection.Correct(DiscreteValues.Binary(), 0.7, 1, 0.5, 0.01));
        Assert.Equal((2.1, 1.5), MarginCorrection.Correct(DiscreteValues.Integers(0, 5), 2.1, 1.5, 0.5, 0.01));
    }

    [Fact]
    public void An_inner_value_gets_a_wider_spread_so_each_neighbour_keeps_half_the_margin()
    {
        // Integer gene at 2 with sd 0.05: both neighbours are 10 sd away.
        double margin = 0.02;
        var values = DiscreteValues.Integers(0, 5);
        var (mean, scale) = MarginCorrection.Correct(values, 2.1, 1, 0.05, margin);
        double s = scale * 0.05;
        Assert.Equal(margin / 2, Normal.CDF(mean, s, 1.5), 9);
        Assert.Equal(margin / 2, 1 - Normal.CDF(mean, s, 2.5), 9);
        Assert.True(scale > 1);
    }

    [Fact]
    public void Only_the_starved_side_of_an_inner_value_is_lifted()
    {
        // Mean near the upper threshold: the upper neighbour is likely, the lower one starved.
        double margin = 0.02;
        var (mean, scale) = MarginCorrection.Correct(DiscreteValues.Integers(0, 5), 2.45, 1, 0.1, margin);
        double s = scale * 0.1;
        double below = Normal.CDF(mean, s, 1.5), above = 1 - Normal.CDF(mean, s, 2.5);
        Assert.Equal(margin / 2, below, 9);
        Assert.True(above > margin / 2);
        // The upper side kept its probability less its share of what the lower side gained.
        double before = 1 - Normal.CDF(2.45, 0.1, 2.5);
        Assert.InRange(above, before - margin, before);
    }
}
