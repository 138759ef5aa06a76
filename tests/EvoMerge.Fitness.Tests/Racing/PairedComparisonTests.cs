using EvoMerge.Fitness.Racing;

namespace EvoMerge.Fitness.Tests.Racing;

public class PairedComparisonTests
{
    [Fact]
    public void On_the_full_set_the_verdict_is_exact_even_for_a_tiny_difference()
    {
        var a = Enumerable.Repeat(0.0, 999).Append(1.0).ToArray();
        var b = new double[1000];
        Assert.Equal(PairVerdict.FirstBetter, PairedComparison.Compare(a, b, 1000, 0));
        Assert.Equal(PairVerdict.SecondBetter, PairedComparison.Compare(b, a, 1000, 0));
        Assert.Equal(PairVerdict.Tied, PairedComparison.Compare(b, b, 1000, 0.05));
    }

    [Fact]
    public void Below_the_full_set_zero_alpha_never_decides()
    {
        var a = Enumerable.Repeat(1.0, 999).ToArray();
        var b = new double[999];
        Assert.Equal(PairVerdict.Undecided, PairedComparison.Compare(a, b, 1000, 0));
        Assert.Equal(PairVerdict.FirstBetter, PairedComparison.Compare(a, b, 1000, 0.01));
    }

    [Fact]
    public void A_small_difference_on_a_small_sample_stays_undecided()
    {
        // 3 wins and 2 losses out of 40: far from significant.
        var a = new double[40];
        var b = new double[40];
        a[0] = a[1] = a[2] = 1;
        b[3] = b[4] = 1;
        Assert.Equal(PairVerdict.Undecided, PairedComparison.Compare(a, b, 1000, 0.05));
    }
}
