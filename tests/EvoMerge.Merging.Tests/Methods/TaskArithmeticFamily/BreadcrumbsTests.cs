using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.TaskArithmeticFamily;

public class BreadcrumbsTests
{
    static readonly IMergeMethod Breadcrumbs = MergeMethodRegistry.Get("breadcrumbs");

    static float[] Merge(float[] delta, double density, double gamma)
    {
        var inputs = Inputs.For(Breadcrumbs, [Inputs.Model("m", tensor(delta), ("weight", 1), ("density", density), ("gamma", gamma))],
            zeros(delta.Length));
        return Inputs.Values(Breadcrumbs.Merge(inputs));
    }

    static readonly float[] OneToTen = [3, -1, 10, 4, -7, 2, 9, -5, 8, 6];

    [Fact]
    public void Drops_the_largest_gamma_share_and_the_smallest_down_to_density()
    {
        using var scope = NewDisposeScope();
        // n = 10, density 0.5, gamma 0.1: n_top = 1 (drops 10), n_bot = 10 - 5 - 1 = 4 (drops 1..4).
        Assert.Equal([0f, 0f, 0f, 0f, -7f, 0f, 9f, -5f, 8f, 6f], Merge(OneToTen, 0.5, 0.1));
    }

    [Fact]
    public void Zero_top_count_keeps_the_top_instead_of_dropping_everything()
    {
        using var scope = NewDisposeScope();
        // gamma 0.05 gives n_top = floor(0.5) = 0. mergekit's slice [n_bot:-0] would be empty and drop the
        // whole task vector; here only the n_bot = 5 smallest go.
        Assert.Equal([0f, 0f, 10f, 0f, -7f, 0f, 9f, 0f, 8f, 6f], Merge(OneToTen, 0.5, 0.05));
    }

    [Fact]
    public void Negative_bottom_count_drops_fewer_large_entries()
    {
        using var scope = NewDisposeScope();
        // density 0.9, gamma 0.2: kept 9, n_top 2, n_bot = -1 -> n_top = 1, n_bot = 0: only the 10 goes.
        Assert.Equal([3f, -1f, 0f, 4f, -7f, 2f, 9f, -5f, 8f, 6f], Merge(OneToTen, 0.9, 0.2));
    }

    [Fact]
    public void Density_one_ignores_gamma_as_mergekit_does()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(OneToTen, Merge(OneToTen, 1, 0.3));
    }

    [Fact]
    public void Matches_sort_based_range_bit_for_bit_across_chunks()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(21);
        var b = randn([50, 1000], generator: g).to(ScalarType.BFloat16).to(ScalarType.Float32);
        var x = b.add(randn([50, 1000], generator: g).mul(held[0.01]), held[1]).to(ScalarType.BFloat16).to(ScalarType.Float32);
        var ties = SmallChunks.Get("breadcrumbs_ties");
        var result = ties.Merge(Inputs.For(ties, [Inputs.Model("m", x, ("weight", 0.7), ("density", 0.4), ("gamma", 0.05))], b));
        long n = x.numel(), top = (long)Math.Floor(0.05 * n), bottom = n - (long)Math.Floor(0.4 * n) - top;
        var kept = (x - b) * MergekitReference.RankRangeMask(x - b, bottom, n - top);
        var expected = MergekitReference.Combine(b, [kept], [0.7], signConsensus: true, normalize: false, lambda: 1);
        TensorAssert.BitEqual(expected, result);
    }
}
