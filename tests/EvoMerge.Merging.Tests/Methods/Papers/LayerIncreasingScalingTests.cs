using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Papers;

public class LayerIncreasingScalingTests
{
    static readonly IMergeMethod Lines = MergeMethodRegistry.Get("lines");

    static float[] Merge(double layerPosition, double weight2 = 1)
    {
        var inputs = Inputs.For(Lines, [Inputs.Model("a", Inputs.T(1, 2)), Inputs.Model("b", Inputs.T(3, 0), ("weight", weight2))],
            zeros(2), Inputs.P(("alpha", 0.2), ("beta", 0.6)));
        return Inputs.Values(Lines.Merge(new MergeInputs
        {
            TensorName = inputs.TensorName, Models = inputs.Models, Base = inputs.Base,
            GlobalParameters = inputs.GlobalParameters, LayerPosition = layerPosition,
        }));
    }

    [Fact]
    public void Scales_the_summed_task_vector_from_alpha_to_alpha_plus_beta_with_depth()
    {
        using var scope = NewDisposeScope();
        // Sum of task vectors [4, 2]; scale 0.2 + 0.6 t.
        Assert.Equal([0.8f, 0.4f], Merge(0), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal([2f, 1f], Merge(0.5), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal([3.2f, 1.6f], Merge(1), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal([0.5f, 0.4f], Merge(0, weight2: 0.5), (a, b) => Math.Abs(a - b) < 1e-6);
    }
}
