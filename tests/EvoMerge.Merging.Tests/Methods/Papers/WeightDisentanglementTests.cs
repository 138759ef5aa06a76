using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Papers;

public class WeightDisentanglementTests
{
    static readonly IMergeMethod Widen = MergeMethodRegistry.Get("widen");

    static Tensor Merge(Tensor b, params Tensor[] xs) =>
        Widen.Merge(Inputs.For(Widen, xs.Select((x, i) => Inputs.Model($"m{i}", x)).ToList(), b));

    [Fact]
    public void Vectors_weigh_each_entry_by_the_softmax_of_changes_or_in_full_when_above_average()
    {
        using var scope = NewDisposeScope();
        // |d_1| = [1, 0, 3] (mean 4/3), |d_2| = [0, 2, 3] (mean 5/3): entry 2 is important to both (weight 1 each),
        // entry 1 to model 2; entry 0 to nobody, so model 1 gets softmax(1, 0)_1 = e / (e + 1) there.
        var result = Inputs.Values(Merge(zeros(3), Inputs.T(1, 0, 3), Inputs.T(0, 2, 3)));
        Assert.Equal([(float)(Math.E / (Math.E + 1)), 2f, 6f], result, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void Matrices_weigh_columns_by_ranked_magnitude_and_direction_changes()
    {
        using var scope = NewDisposeScope();
        // Model 1 triples column 0 (magnitude change [2, 0]); model 2 turns column 1 from e2 to e1
        // (direction change [0, 1]). Ranks: magnitude m1 [0.5, 0], m2 [0, 0.5] (stable ties), direction
        // m1 [0, 0.5], m2 [0, 0.5]. Above-average ranks score 1; the rest take the softmax across models:
        // magnitude m1 [1, s], m2 [s, 1] with s = 1 / (1 + e^0.5); direction all [0.5, 1].
        // Column 0 of model 1 gets (1 + 0.5) / 2 = 0.75; column 1 of model 2 gets (1 + 1) / 2 = 1.
        var b = eye(2);
        var x1 = tensor(new float[] { 3, 0, 0, 1 }, [2, 2]);
        var x2 = tensor(new float[] { 1, 1, 0, 0 }, [2, 2]);
        var result = Inputs.Values(Merge(b, x1, x2));
        Assert.Equal([2.5f, 1f, 0f, 0f], result, (a, c) => Math.Abs(a - c) < 1e-6);
    }

    [Fact]
    public void One_model_changing_everything_alike_is_taken_in_full_where_it_matters()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        // A single model: softmax over one model is 1 everywhere, so WIDEN returns that model.
        var b = randn([4, 5], generator: new Generator(3));
        var x = b.add(randn([4, 5], generator: new Generator(4)), held[1]);
        TensorAssert.Close(x, Merge(b, x), 1e-6);
    }
}
