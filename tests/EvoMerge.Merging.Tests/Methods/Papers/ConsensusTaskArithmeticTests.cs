using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Papers;

public class ConsensusTaskArithmeticTests
{
    static readonly IMergeMethod Consensus = MergeMethodRegistry.Get("consensus_ta");

    static float[] Merge(double k, double maskLambda = 1, double weight2 = 1) =>
        Inputs.Values(Consensus.Merge(Inputs.For(Consensus,
            [Inputs.Model("a", Inputs.T(1, 0, 1)), Inputs.Model("b", Inputs.T(1, 1, -1), ("weight", weight2))],
            zeros(3), Inputs.P(("consensus_k", k), ("mask_lambda", maskLambda)))));

    [Fact]
    public void Keeps_the_sum_where_enough_tall_masks_agree()
    {
        using var scope = NewDisposeScope();
        // Sum [2, 1, 0]. TALL masks |t_i| >= |sum - t_i|: a [1, 0, 1], b [1, 1, 1]; agreement [2, 1, 2].
        Assert.Equal([2f, 0f, 0f], Merge(k: 2));
        Assert.Equal([2f, 1f, 0f], Merge(k: 1));
        // mask_lambda 2: a keeps nothing (1 < 2 * 1), b only entry 1 (1 >= 2 * 0): one vote at most.
        Assert.Equal([0f, 0f, 0f], Merge(k: 2, maskLambda: 2));
        Assert.Equal([0f, 1f, 0f], Merge(k: 1, maskLambda: 2));
    }

    [Fact]
    public void With_k_zero_it_is_task_arithmetic_with_weights()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([1.5f, 0.5f, 0.5f], Merge(k: 0, weight2: 0.5));
    }
}
