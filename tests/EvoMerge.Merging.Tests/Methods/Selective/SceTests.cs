using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Selective;

public class SceTests
{
    static readonly IMergeMethod Sce = MergeMethodRegistry.Get("sce");

    static float[] Merge(Tensor d1, Tensor d2, params (string, double)[] globals) =>
        Inputs.Values(Sce.Merge(Inputs.For(Sce, [Inputs.Model("a", d1), Inputs.Model("b", d2)], zeros(d1.shape), Inputs.P(globals))));

    [Fact]
    public void Weighs_by_mean_square_and_erases_minority_signs()
    {
        using var scope = NewDisposeScope();
        // mean squares 2 and 14/3 -> weights 0.3, 0.7; elected signs of the sums [4, 0, 0]: +, +, +.
        // Entry 0: (0.3 * 1 + 0.7 * 3) / 1 = 2.4; entry 1: only b agrees -> 1; entry 2: only a -> 2.
        var result = Merge(Inputs.T(1, -1, 2), Inputs.T(3, 1, -2));
        Assert.Equal([2.4f, 1f, 2f], result, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Select_topk_keeps_the_entries_of_largest_variance_across_models()
    {
        using var scope = NewDisposeScope();
        // Variances [1, 2.25, 4]; int(3 * 0.34) = 1 keeps entry 2 only, where the models tie: a's +2 wins (sum 0 counts as +).
        Assert.Equal([0f, 0f, 2f], Merge(Inputs.T(1, -1, 2), Inputs.T(3, 2, -2), ("select_topk", 0.34)));
        // int(3 * 0.67) = 2 keeps entries 1 and 2; weights 5/13, 8/13; entry 1: only b agrees -> 2.
        Assert.Equal([0f, 2f, 2f], Merge(Inputs.T(1, -1, 2), Inputs.T(3, 2, -2), ("select_topk", 0.67)), (a, b) => Math.Abs(a - b) < 1e-6);
    }
}
