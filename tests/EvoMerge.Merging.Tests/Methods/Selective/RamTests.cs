using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Selective;

public class RamTests
{
    static float[] Merge(string method, params (string, double)[] globals)
    {
        var m = MergeMethodRegistry.Get(method);
        var b = zeros(5);
        // Entry 0 and 4 are changed by x1 only, entry 1 by x2 only, entry 2 by both, entry 3 by nobody (0.01 <= epsilon).
        var x1 = Inputs.T(1, 0, 2, 0.01f, 5);
        var x2 = Inputs.T(0, 3, 4, 0, 0);
        return Inputs.Values(m.Merge(Inputs.For(m, [Inputs.Model("x1", x1), Inputs.Model("x2", x2)], b, Inputs.P(globals))));
    }

    [Fact]
    public void Ram_keeps_unique_changes_and_averages_shared_ones()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([1f, 3f, 3f, 0f, 5f], Merge("ram", ("epsilon", 0.05)));
    }

    [Fact]
    public void Ramplus_boosts_each_models_unique_changes_by_its_share_of_shared_entries()
    {
        using var scope = NewDisposeScope();
        // x1: 1 shared / 2 unique -> rho 0.5, lambda 1 + 0.5 * 0.5 = 1.25; x2: 1 / 1 -> rho 1, lambda 1.5.
        Assert.Equal([1.25f, 4.5f, 3f, 0f, 6.25f], Merge("ramplus_tl", ("epsilon", 0.05), ("r", 0.5), ("alpha", 1)));
        // alpha caps rho: both at 0.4 -> lambda 1.2.
        Assert.Equal([1.2f, 3.6f, 3f, 0f, 6f], Merge("ramplus_tl", ("epsilon", 0.05), ("r", 0.5), ("alpha", 0.4)), (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Ramplus_with_r_zero_is_ram()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(Merge("ram", ("epsilon", 0.05)), Merge("ramplus_tl", ("epsilon", 0.05), ("r", 0)));
    }
}
