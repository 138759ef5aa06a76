using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.TaskArithmeticFamily;

public class TiesTests
{
    static readonly IMergeMethod Ties = MergeMethodRegistry.Get("ties");

    [Fact]
    public void Hand_computed_example()
    {
        using var scope = NewDisposeScope();
        // d1 = [3, -1, 0.5, -4] keeps {3, -4}; d2 = [-2, 2, 1, -1] keeps {-2, 2} (density 0.5, k = 2).
        // Sums [1, 2, 0, -4] elect [+, +, + (0 counts as +), -]: entry 0 takes 3 (weight 1), entry 1 takes 2,
        // entry 2 has no contributor (divisor 0 -> 1), entry 3 takes -4.
        var b = Inputs.T(10, 10, 10, 10);
        var inputs = Inputs.For(Ties,
            [Inputs.Model("a", Inputs.T(13, 9, 10.5f, 6), ("weight", 1), ("density", 0.5)),
             Inputs.Model("b", Inputs.T(8, 12, 11, 9), ("weight", 1), ("density", 0.5))], b);
        Assert.Equal([13f, 12f, 10f, 6f], Inputs.Values(Ties.Merge(inputs)));
    }

    [Fact]
    public void Weighted_disjoint_mean_divides_by_the_weights_of_agreeing_models()
    {
        using var scope = NewDisposeScope();
        // d1 = [2, -2], d2 = [4, 1] with weights 0.5 and 0.25: u1 = [1, -1], u2 = [1, 0.25]; sums [2, -0.75].
        // Entry 0: both agree -> (1 + 1) / 0.75. Entry 1: only u1 agrees -> -1 / 0.5.
        var inputs = Inputs.For(Ties,
            [Inputs.Model("a", Inputs.T(2, -2), ("weight", 0.5)), Inputs.Model("b", Inputs.T(4, 1), ("weight", 0.25))],
            Inputs.T(0, 0));
        Assert.Equal([2f / 0.75f, -2f], Inputs.Values(Ties.Merge(inputs)));
        var unnormalized = Inputs.For(Ties, inputs.Models, Inputs.T(0, 0), Inputs.P(("normalize", 0)));
        Assert.Equal([2f, -1f], Inputs.Values(Ties.Merge(unnormalized)));
    }

    [Fact]
    public void Density_one_equals_sign_elected_task_arithmetic()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(3);
        var b = randn([40, 30], generator: g);
        var xs = Enumerable.Range(0, 3).Select(_ => b.add(randn([40, 30], generator: g), held[1])).ToArray();
        double[] w = [0.7, 0.2, 0.5];
        var result = Ties.Merge(Inputs.For(Ties, xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", w[i]))).ToList(), b));
        var expected = MergekitReference.Combine(b, xs.Select(x => x - b).ToArray(), w, signConsensus: true, normalize: true, lambda: 1);
        TensorAssert.BitEqual(expected, result);
    }

    [Fact]
    public void Keeps_exactly_k_entries_even_with_tied_magnitudes()
    {
        using var scope = NewDisposeScope();
        // Magnitudes 1,1,1,1,2 at density 0.4: k = 2 keeps the 2 and one of the ties (the last by index).
        var inputs = Inputs.For(Ties, [Inputs.Model("a", Inputs.T(1, -1, 1, -1, 2), ("weight", 1), ("density", 0.4))], Inputs.T(0, 0, 0, 0, 0));
        Assert.Equal([0f, 0f, 0f, -1f, 2f], Inputs.Values(Ties.Merge(inputs)));
    }

    [Fact]
    public void Density_below_one_entry_drops_the_task_vector_instead_of_failing()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(Ties,
            [Inputs.Model("a", Inputs.T(5, 5, 5), ("weight", 1), ("density", 0.2)), Inputs.Model("b", Inputs.T(1, 2, 3), ("weight", 1))],
            Inputs.T(0, 0, 0));
        Assert.Equal([1f, 2f, 3f], Inputs.Values(Ties.Merge(inputs)));   // floor(0.2 * 3) = 0 entries of a survive
    }

    [Fact]
    public void Matches_sort_based_trimming_bit_for_bit_on_quantized_values_across_chunks()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(8);
        // bf16-quantized task vectors have many equal magnitudes, so thresholds fall inside runs of ties
        // that straddle chunk boundaries.
        var b = randn([60, 1000], generator: g).to(ScalarType.BFloat16).to(ScalarType.Float32);
        var xs = Enumerable.Range(0, 3)
            .Select(_ => b.add(randn([60, 1000], generator: g).mul(held[0.01]), held[1]).to(ScalarType.BFloat16).to(ScalarType.Float32))
            .ToArray();
        double[] w = [0.4, 0.8, 0.3];
        double[] density = [0.6, 0.25, 0.9];
        var ties = SmallChunks.Get("ties");
        var result = ties.Merge(Inputs.For(ties,
            xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", w[i]), ("density", density[i]))).ToList(), b,
            Inputs.P(("lambda", 1.3))));
        var trimmed = xs.Select((x, i) => (x - b) * MergekitReference.MagnitudeMask(x - b, density[i])).ToArray();
        var expected = MergekitReference.Combine(b, trimmed, w, signConsensus: true, normalize: true, lambda: 1.3);
        TensorAssert.BitEqual(expected, result);
    }

    [Fact]
    public void Bfloat16_matches_mergekit_arithmetic_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(13);
        var b = randn([40, 1000], generator: g).to(ScalarType.BFloat16);
        var xs = Enumerable.Range(0, 3).Select(_ => b.to(ScalarType.Float32).add(randn([40, 1000], generator: g).mul(held[0.02]), held[1]).to(ScalarType.BFloat16)).ToArray();
        double[] w = [0.4, 0.8, 0.3];
        double[] density = [0.5, 0.3, 0.7];
        var ties = SmallChunks.Get("ties");
        var result = ties.Merge(Inputs.For(ties,
            xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", w[i]), ("density", density[i]))).ToList(), b, Inputs.P(("lambda", 0.9))));
        var trimmed = xs.Select((x, i) => (x - b) * MergekitReference.MagnitudeMask(x - b, density[i])).ToArray();
        TensorAssert.BitEqual(MergekitReference.Combine(b, trimmed, w, signConsensus: true, normalize: true, lambda: 0.9), result);
    }

    [Fact]
    public void Rescale_keeps_the_L1_norm_of_each_trimmed_task_vector()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(4);
        var b = zeros(1000);
        var x = randn([1000], generator: g);
        var inputs = Inputs.For(Ties, [Inputs.Model("a", x, ("weight", 1), ("density", 0.3))], b, Inputs.P(("rescale", 1)));
        var result = Ties.Merge(inputs);
        Assert.Equal(300, result.count_nonzero().item<long>());
        Assert.Equal(x.abs().sum().item<float>(), result.abs().sum().item<float>(), 2);
    }
}
