using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Selective;

public class ArceeFusionTests
{
    static readonly IMergeMethod Fusion = MergeMethodRegistry.Get("arcee_fusion");

    [Fact]
    public void Keeps_only_changes_above_median_plus_one_and_a_half_iqr()
    {
        using var scope = NewDisposeScope();
        // A vector has one KL divergence c > 0, so importance = c |x - b|. Sorted importances at indices
        // floor(q * 7): q1 = 2c, median = 4c, q3 = 6c; threshold 4c + 1.5 * 4c = 10c: only the 100 passes.
        var b = zeros(8);
        var x = Inputs.T(1, 2, 3, 4, 5, 6, 7, 100);
        var result = Inputs.Values(Fusion.Merge(Inputs.For(Fusion, [Inputs.BaseListed("base", b), Inputs.Model("x", x)], b)));
        Assert.Equal([0f, 0, 0, 0, 0, 0, 0, 100], result);
    }

    [Fact]
    public void Each_row_has_its_own_divergence()
    {
        using var scope = NewDisposeScope();
        // Row 1 moves uniformly: softmax unchanged, divergence 0, so none of its large changes pass.
        // Importances c [1, 2, 3, 100] and [0, 0, 0, 0]: q1 = median = 0, q3 = 2c, threshold 3c.
        var b = zeros(2, 4);
        var x = tensor(new float[] { 1, 2, 3, 100, 9, 9, 9, 9 }, [2, 4]);
        var result = Fusion.Merge(Inputs.For(Fusion, [Inputs.BaseListed("base", b.clone()), Inputs.Model("x", x)], b));
        Assert.Equal([0f, 0, 3, 100, 0, 0, 0, 0], Inputs.Values(result));
    }
}
