using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.TaskArithmeticFamily;

public class TaskArithmeticTests
{
    static readonly IMergeMethod Method = MergeMethodRegistry.Get("task_arithmetic");

    // b = [1, 1, 1]; d1 = [1, -1, 0], d2 = [0, 2, -2]; w = 0.5, 1 -> sum w d = [0.5, 1.5, -2].
    static MergeInputs Example(params (string, double)[] globals) => Inputs.For(Method,
        [Inputs.Model("a", Inputs.T(2, 0, 1), ("weight", 0.5)), Inputs.Model("b", Inputs.T(1, 3, -1), ("weight", 1))],
        Inputs.T(1, 1, 1), Inputs.P(globals));

    [Fact]
    public void Adds_the_weighted_task_vectors_to_the_base()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([1.5f, 2.5f, -1f], Inputs.Values(Method.Merge(Example())));
    }

    [Fact]
    public void Lambda_scales_the_sum()
    {
        using var scope = NewDisposeScope();
        Assert.Equal([2f, 4f, -3f], Inputs.Values(Method.Merge(Example(("lambda", 2)))));
    }

    [Fact]
    public void Normalize_divides_by_the_sum_of_weights()
    {
        using var scope = NewDisposeScope();
        var expected = new[] { 1 + 0.5f / 1.5f, 1 + 1.5f / 1.5f, 1 - 2f / 1.5f };
        Assert.Equal(expected, Inputs.Values(Method.Merge(Example(("normalize", 1)))));
    }

    [Fact]
    public void Normalize_with_weights_summing_to_zero_leaves_the_sum_undivided()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Method,
            [Inputs.Model("a", Inputs.T(2, 0), ("weight", 1)), Inputs.Model("b", Inputs.T(1, 3), ("weight", -1))],
            Inputs.T(1, 1), Inputs.P(("normalize", 1)));
        Assert.Equal([2f, -2f], Inputs.Values(Method.Merge(inputs)));   // b + (d1 - d2), divisor guarded to 1
    }

    [Fact]
    public void The_base_listed_among_the_models_contributes_no_task_vector()
    {
        using var scope = NewDisposeScope();
        var withBase = Inputs.For(Method,
            [Inputs.BaseListed("base", Inputs.T(1, 1, 1), ("weight", 5)),
             Inputs.Model("a", Inputs.T(2, 0, 1), ("weight", 0.5)), Inputs.Model("b", Inputs.T(1, 3, -1), ("weight", 1))],
            Inputs.T(1, 1, 1));
        Assert.Equal(Inputs.Values(Method.Merge(Example())), Inputs.Values(Method.Merge(withBase)));
    }

    [Fact]
    public void Only_the_base_gives_a_copy_of_the_base()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var b = Inputs.T(1, 2, 3);
        var result = Method.Merge(Inputs.For(Method, [Inputs.BaseListed("base", b, ("weight", 1))], b));
        Assert.Equal([1f, 2f, 3f], Inputs.Values(result));
        result.add_(held[1], held[1]);
        Assert.Equal([1f, 2f, 3f], Inputs.Values(b));
    }

    [Fact]
    public void Inputs_are_not_modified_and_shape_is_kept()
    {
        using var scope = NewDisposeScope();
        var b = randn(3, 4, 5);
        var x = randn(3, 4, 5);
        var (bCopy, xCopy) = (b.clone(), x.clone());
        var result = Method.Merge(Inputs.For(Method, [Inputs.Model("x", x, ("weight", 0.3))], b));
        Assert.Equal(new long[] { 3, 4, 5 }, result.shape);
        TensorAssert.BitEqual(bCopy, b);
        TensorAssert.BitEqual(xCopy, x);
    }

    [Fact]
    public void Matches_the_straightforward_formula_bit_for_bit_across_chunks()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(11);
        var b = randn([70, 1000], generator: g);
        var xs = Enumerable.Range(0, 3).Select(_ => b.add(randn([70, 1000], generator: g).mul(held[0.01]), held[1])).ToArray();
        double[] w = [0.4, 0.8, -0.2];
        var method = SmallChunks.Get("task_arithmetic");
        var result = method.Merge(Inputs.For(method, xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", w[i]))).ToList(), b,
            Inputs.P(("normalize", 1), ("lambda", 0.7))));
        var expected = MergekitReference.Combine(b, xs.Select(x => x - b).ToArray(), w, signConsensus: false, normalize: true, lambda: 0.7);
        TensorAssert.BitEqual(expected, result);
    }

    [Fact]
    public void Bfloat16_rounds_weights_and_sums_like_mergekit()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(5);
        var b = randn([30, 1000], generator: g).to(ScalarType.BFloat16);
        var xs = Enumerable.Range(0, 3).Select(_ => b.to(ScalarType.Float32).add(randn([30, 1000], generator: g).mul(held[0.01]), held[1]).to(ScalarType.BFloat16)).ToArray();
        double[] w = [0.4, 0.8, 0.3];
        var method = SmallChunks.Get("task_arithmetic");
        var result = method.Merge(Inputs.For(method, xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", w[i]))).ToList(), b,
            Inputs.P(("normalize", 1))));
        Assert.Equal(ScalarType.BFloat16, result.dtype);
        var expected = MergekitReference.Combine(b, xs.Select(x => x - b).ToArray(), w, signConsensus: false, normalize: true, lambda: 1);
        TensorAssert.BitEqual(expected, result);
    }
}
