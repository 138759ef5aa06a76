using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.TaskArithmeticFamily;

public class DellaTests
{
    static readonly IMergeMethod DellaLinear = SmallChunks.Get("della_linear");
    static readonly IMergeMethod Della = SmallChunks.Get("della");

    [Fact]
    public void Keep_probability_grows_linearly_with_magnitude_rank_within_a_row()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        const int rows = 4000, columns = 50;
        // Every row holds magnitudes 1..50 in a shuffled order, so column j's rank differs per row.
        var g = new Generator(17);
        var magnitudes = stack(Enumerable.Range(0, rows).Select(_ => randperm(columns, generator: g).to(ScalarType.Float32).add_(held[1], held[1])).ToArray());
        double density = 0.5, epsilon = 0.2;
        var inputs = Inputs.For(DellaLinear, [Inputs.Model("m", magnitudes, ("weight", 1), ("density", density), ("epsilon", epsilon))],
            zeros(rows, columns), Inputs.P(("rescale", 0)), new Generator(3));
        var kept = DellaLinear.Merge(inputs).ne(held[0]).to(ScalarType.Float32);
        foreach (int rank in new[] { 0, 10, 25, 40, 49 })
        {
            // Rank r holds magnitude r + 1; its expected keep probability is (density - eps) + 2 eps r / (c - 1).
            double expected = density - epsilon + 2 * epsilon * rank / (columns - 1);
            double observed = kept.masked_select(magnitudes.eq(held[rank + 1])).mean().item<float>();
            double sigma = Math.Sqrt(expected * (1 - expected) / rows);
            Assert.InRange(observed, expected - 5 * sigma, expected + 5 * sigma);
        }
    }

    [Fact]
    public void Default_rescale_keeps_the_L1_norm_and_one_dimensional_tensors_work()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(2);
        var delta = randn([5000], generator: g);
        var inputs = Inputs.For(DellaLinear, [Inputs.Model("m", delta, ("weight", 1), ("density", 0.4))], zeros(5000), generator: new Generator(8));
        var result = DellaLinear.Merge(inputs);
        Assert.InRange(result.ne(held[0]).sum().item<long>(), 1700, 2300);
        Assert.Equal(1, result.abs().sum().item<float>() / delta.abs().sum().item<float>(), 4);
    }

    [Fact]
    public void Seeded_and_reproducible_on_three_dimensional_tensors()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(4);
        var b = randn([6, 50, 4], generator: g);
        var xs = Enumerable.Range(0, 2).Select(_ => b.add(randn([6, 50, 4], generator: g), held[1])).ToArray();
        MergeInputs Make(ulong seed) => Inputs.For(Della,
            xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", 1), ("density", 0.5), ("epsilon", 0.1))).ToList(), b, generator: new Generator(seed));
        TensorAssert.BitEqual(Della.Merge(Make(1)), Della.Merge(Make(1)));
        Assert.True(Della.Merge(Make(1)).ne(Della.Merge(Make(2))).any().item<bool>());
    }

    [Fact]
    public void Density_one_equals_sign_elected_task_arithmetic()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var g = new Generator(6);
        var b = randn([20, 10], generator: g);
        var xs = Enumerable.Range(0, 3).Select(_ => b.add(randn([20, 10], generator: g), held[1])).ToArray();
        double[] w = [0.2, 0.5, 0.9];
        var result = Della.Merge(Inputs.For(Della, xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", w[i]))).ToList(), b,
            generator: new Generator(1)));
        var expected = MergekitReference.Combine(b, xs.Select(x => x - b).ToArray(), w, signConsensus: true, normalize: true, lambda: 1);
        TensorAssert.BitEqual(expected, result);
    }
}
