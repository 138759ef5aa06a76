using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class CmaBoundTransformTests
{
    readonly CmaBoundTransform _t = new(new Bounds([-1, 0, 10], [1, 0.1, 200]));

    [Fact]
    public void Maps_every_genotype_into_the_box()
    {
        var rng = new Rng(4);
        var x = new double[3];
        var y = new double[3];
        for (int k = 0; k < 10_000; k++)
        {
            for (int i = 0; i < 3; i++) x[i] = rng.NextGaussian() * Math.Pow(10, rng.NextDouble(-1, 4));
            _t.Transform(x, y);
            Assert.InRange(y[0], -1, 1);
            Assert.InRange(y[1], 0, 0.1);
            Assert.InRange(y[2], 10, 200);
        }
    }

    [Fact]
    public void Is_the_identity_away_from_the_bounds()
    {
        // Margins: max(1, |bound|) / 20, at most half the range.
        Assert.Equal(0.5, _t.TransformCoordinate(0.5, 0));
        Assert.Equal(-0.9, _t.TransformCoordinate(-0.9, 0));
        Assert.Equal(100, _t.TransformCoordinate(100, 2));
    }

    [Fact]
    public void Reaches_the_bound_with_zero_slope_and_mirrors_beyond()
    {
        // al = 0.05 for lb = -1: the lower bound is the image of lb - al.
        Assert.Equal(-1, _t.TransformCoordinate(-1.05, 0), 15);
        Assert.Equal(_t.TransformCoordinate(-1.05 + 0.01, 0), _t.TransformCoordinate(-1.05 - 0.01, 0), 14);
        double period = 2 * (2 + 0.05 + 0.05);
        Assert.Equal(_t.TransformCoordinate(0.3, 0), _t.TransformCoordinate(0.3 + 7 * period, 0), 10);
    }

    [Fact]
    public void Inverse_round_trips_every_point_of_the_box()
    {
        var rng = new Rng(5);
        var y = new double[3];
        var x = new double[3];
        var back = new double[3];
        for (int k = 0; k < 1000; k++)
        {
            y[0] = rng.NextDouble(-1, 1); y[1] = rng.NextDouble(0, 0.1); y[2] = rng.NextDouble(10, 200);
            _t.Inverse(y, x);
            _t.Transform(x, back);
            for (int i = 0; i < 3; i++) Assert.Equal(y[i], back[i], 12);
        }
    }
}
