using EvoMerge.Optimizers.Niching;

namespace EvoMerge.Optimizers.Tests.Niching;

public class SplitPointSlerpTests
{
    [Fact]
    public void Coordinates_before_the_split_take_w_and_after_it_one_minus_w()
    {
        // Orthogonal parents: Omega = pi/2, sin(Omega) = 1.
        double[] a = [1, 0, 1, 0], b = [0, 1, 0, 1];
        var child = new double[4];
        SplitPointSlerp.Cross(a, b, w: 1.0 / 3, splitAt: 2, child);
        // t = 1/3 below the split: sin(pi/3) on a, sin(pi/6) on b; t = 2/3 above: the reverse.
        double big = Math.Sqrt(3) / 2;
        Assert.Equal(big, child[0], 14);
        Assert.Equal(0.5, child[1], 14);
        Assert.Equal(0.5, child[2], 14);
        Assert.Equal(big, child[3], 14);
    }

    [Fact]
    public void Split_at_the_end_is_plain_slerp_and_at_zero_uses_one_minus_w_everywhere()
    {
        double[] a = [1, 0], b = [0, 1];
        var child = new double[2];
        SplitPointSlerp.Cross(a, b, w: 0.5, splitAt: 2, child);
        Assert.Equal(Math.Sqrt(0.5), child[0], 14);
        Assert.Equal(Math.Sqrt(0.5), child[1], 14);

        SplitPointSlerp.Cross(a, b, w: 0.0, splitAt: 0, child);
        Assert.Equal(0.0, child[0], 14);
        Assert.Equal(1.0, child[1], 14);
    }

    [Fact]
    public void Slerp_keeps_the_norm_of_unit_parents()
    {
        double[] a = [0.6, 0.8, 0], b = [0, 0.6, 0.8];
        var child = new double[3];
        SplitPointSlerp.Cross(a, b, w: 0.37, splitAt: 3, child);
        Assert.Equal(1.0, Math.Sqrt(child.Sum(x => x * x)), 12);
    }

    [Fact]
    public void Parallel_parents_fall_back_to_linear_interpolation()
    {
        double[] a = [1, 2, 3], b = [2, 4, 6];
        var child = new double[3];
        SplitPointSlerp.Cross(a, b, w: 0.25, splitAt: 1, child);
        Assert.Equal(new[] { 0.75 * 1 + 0.25 * 2, 0.25 * 2 + 0.75 * 4, 0.25 * 3 + 0.75 * 6 }, child);
    }

    [Fact]
    public void A_zero_parent_falls_back_to_linear_interpolation()
    {
        double[] a = [0, 0], b = [2, -4];
        var child = new double[2];
        SplitPointSlerp.Cross(a, b, w: 0.5, splitAt: 2, child);
        Assert.Equal(new double[] { 1, -2 }, child);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        var child = new double[2];
        Assert.Throws<ArgumentException>(() => SplitPointSlerp.Cross(new double[2], new double[3], 0.5, 1, child));
        Assert.Throws<ArgumentOutOfRangeException>(() => SplitPointSlerp.Cross(new double[2], new double[2], 0.5, 3, child));
        Assert.Throws<ArgumentOutOfRangeException>(() => SplitPointSlerp.Cross(new double[2], new double[2], 1.5, 1, child));
    }
}
