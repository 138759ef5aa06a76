using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods;

public class ModelStockTests
{
    static readonly IMergeMethod Stock = MergeMethodRegistry.Get("model_stock");

    static Tensor Merge(Tensor b, Tensor[] xs, params (string, double)[] globals) =>
        Stock.Merge(Inputs.For(Stock, xs.Select((x, i) => Inputs.Model($"m{i}", x)).ToList(), b, Inputs.P(globals)));

    [Fact]
    public void Orthogonal_offsets_give_the_base()
    {
        using var scope = NewDisposeScope();
        // cos = 0 -> t = 0.
        Assert.Equal([5f, 5f], Inputs.Values(Merge(Inputs.T(5, 5), [Inputs.T(6, 5), Inputs.T(5, 7)])));
    }

    [Fact]
    public void Parallel_offsets_give_the_average()
    {
        using var scope = NewDisposeScope();
        // cos = 1 -> t = 2 / (1 + 1) = 1.
        Assert.Equal([2f, 4f], Inputs.Values(Merge(Inputs.T(0, 0), [Inputs.T(1, 2), Inputs.T(3, 6)])));
    }

    [Fact]
    public void Intermediate_angle_uses_the_paper_ratio()
    {
        using var scope = NewDisposeScope();
        // Offsets [1, 0] and [1, 1]: cos = 1/sqrt(2); t = 2c / (1 + c); y = t * mean + (1 - t) * b with b = 0.
        double c = 1 / Math.Sqrt(2), t = 2 * c / (1 + c);
        var result = Inputs.Values(Merge(Inputs.T(0, 0), [Inputs.T(1, 0), Inputs.T(1, 1)]));
        Assert.Equal(t * 1, result[0], 6);
        Assert.Equal(t * 0.5, result[1], 6);
    }

    [Fact]
    public void Filter_wise_uses_one_ratio_per_row()
    {
        using var scope = NewDisposeScope();
        var b = zeros(2, 2);
        var x1 = tensor(new float[] { 1, 0, 1, 2 }, [2, 2]);
        var x2 = tensor(new float[] { 0, 1, 3, 6 }, [2, 2]);
        // Row 0 orthogonal (t = 0 -> base), row 1 parallel (t = 1 -> mean).
        Assert.Equal([0f, 0f, 2f, 4f], Inputs.Values(Merge(b, [x1, x2], ("filter_wise", 1))));
        // Over the whole tensor the angle is shared.
        Assert.NotEqual([0f, 0f, 2f, 4f], Inputs.Values(Merge(b, [x1, x2])));
    }

    [Fact]
    public void Chunked_whole_tensor_ratio_matches_the_direct_formula()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(9);
        var b = randn([30, 1000], generator: g);
        var xs = Enumerable.Range(0, 3).Select(_ => b.add(randn([30, 1000], generator: g), held[1])).ToArray();
        var stock = SmallChunks.Get("model_stock");
        var result = stock.Merge(Inputs.For(stock, xs.Select((x, i) => Inputs.Model($"m{i}", x)).ToList(), b));
        var offsets = xs.Select(x => (x - b).reshape(-1).to(ScalarType.Float64)).ToArray();
        double cos(int i, int j) => (offsets[i].dot(offsets[j]) / (offsets[i].norm() * offsets[j].norm())).item<double>();
        double c = (cos(0, 1) + cos(0, 2) + cos(1, 2)) / 3, t = 3 * c / (1 + 2 * c);
        var expected = xs[0].add(xs[1], held[1]).add(xs[2], held[1]).div(held[3]).mul(held[t]).add(b.mul(held[1 - t]), held[1]);
        TensorAssert.Close(expected, result, 1e-5, 1e-5);
    }

    [Fact]
    public void Needs_two_models_besides_the_base()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => Merge(Inputs.T(0), [Inputs.T(1)]));
    }
}
