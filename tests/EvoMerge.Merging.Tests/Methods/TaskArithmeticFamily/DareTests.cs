using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.TaskArithmeticFamily;

public class DareTests
{
    // Small chunks, so every chunk's stream is exercised.
    static readonly IMergeMethod DareTies = SmallChunks.Get("dare_ties");
    static readonly IMergeMethod DareLinear = SmallChunks.Get("dare_linear");

    static (Tensor Base, Tensor[] Models) Models(int seed, long size = 60_000)
    {
        using var held = new HeldScalars();
        var g = new Generator((ulong)seed);
        var b = randn([size], generator: g);
        return (b, Enumerable.Range(0, 3).Select(_ => b.add(randn([size], generator: g).mul(held[0.01]), held[1])).ToArray());
    }

    static MergeInputs Inputs3(IMergeMethod method, Tensor b, Tensor[] xs, double density, ulong seed, params (string, double)[] globals) =>
        Inputs.For(method, xs.Select((x, i) => Inputs.Model($"m{i}", x, ("weight", 0.3 + 0.2 * i), ("density", density))).ToList(),
            b, Inputs.P(globals), new Generator(seed));

    [Fact]
    public void Density_one_equals_task_arithmetic()
    {
        using var scope = NewDisposeScope();
        var (b, xs) = Models(1, 1000);
        var ta = MergeMethodRegistry.Get("task_arithmetic");
        var expected = ta.Merge(Inputs3(ta, b, xs, 1, 0));
        TensorAssert.BitEqual(expected, DareLinear.Merge(Inputs3(DareLinear, b, xs, 1, 7)));
    }

    [Fact]
    public void Same_seed_same_output_different_seed_different_output()
    {
        using var scope = NewDisposeScope();
        var (b, xs) = Models(2);
        var first = DareTies.Merge(Inputs3(DareTies, b, xs, 0.3, 42));
        var again = DareTies.Merge(Inputs3(DareTies, b, xs, 0.3, 42));
        var other = DareTies.Merge(Inputs3(DareTies, b, xs, 0.3, 43));
        TensorAssert.BitEqual(first, again);
        Assert.True(first.ne(other).sum().item<long>() > 30_000);
    }

    [Fact]
    public void Keep_rate_is_the_density()
    {
        using var scope = NewDisposeScope();
        long n = 400_000;
        var b = zeros(n);
        var x = ones(n);
        foreach (var density in new[] { 0.1, 0.5, 0.83 })
        {
            var inputs = Inputs.For(DareLinear, [Inputs.Model("m", x, ("weight", 1), ("density", density))], b,
                Inputs.P(("rescale", 0)), new Generator(9));
            double kept = DareLinear.Merge(inputs).sum().item<float>() / n;
            double sigma = Math.Sqrt(density * (1 - density) / n);
            Assert.InRange(kept, density - 5 * sigma, density + 5 * sigma);
        }
    }

    [Fact]
    public void Default_rescale_matches_the_L1_norm_of_the_task_vector()
    {
        using var scope = NewDisposeScope();
        var (b, xs) = Models(3);
        var inputs = Inputs.For(DareLinear, [Inputs.Model("m", xs[0], ("weight", 1), ("density", 0.2))], b, generator: new Generator(5));
        var delta = DareLinear.Merge(inputs) - b;
        double expected = (xs[0] - b).abs().sum(ScalarType.Float64).item<double>();
        Assert.Equal(1, delta.abs().sum(ScalarType.Float64).item<double>() / expected, 4);
    }

    [Fact]
    public void Inverse_density_rescale_divides_kept_entries_by_the_density()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var b = zeros(100_000);
        var x = full([100_000], held[0.5f]);
        var inputs = Inputs.For(DareLinear, [Inputs.Model("m", x, ("weight", 1), ("density", 0.25))], b,
            Inputs.P(("dare_rescale_inverse_density", 1)), new Generator(5));
        var result = DareLinear.Merge(inputs);
        var kept = result.masked_select(result.ne(held[0]));
        Assert.True(kept.eq(held[2f]).all().item<bool>());   // 0.5 / 0.25
        Assert.InRange(kept.numel() / 100_000.0, 0.24, 0.26);
    }

    [Fact]
    public void Without_rescale_kept_entries_are_unchanged()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var (b, xs) = Models(4, 5000);
        var inputs = Inputs.For(DareLinear, [Inputs.Model("m", xs[0], ("weight", 1), ("density", 0.5))], b,
            Inputs.P(("rescale", 0)), new Generator(1));
        var delta = DareLinear.Merge(inputs) - b;
        var original = xs[0] - b;
        var kept = delta.ne(held[0]);
        TensorAssert.Close(original.masked_select(kept), delta.masked_select(kept), 1e-6);
    }

    [Fact]
    public void Bfloat16_inputs_give_bfloat16_output_close_to_float32()
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var (b, xs) = Models(6, 30_000);
        var full32 = DareTies.Merge(Inputs3(DareTies, b, xs, 0.4, 11));
        var half = DareTies.Merge(Inputs3(DareTies, b.to(ScalarType.BFloat16), xs.Select(x => x.to(ScalarType.BFloat16)).ToArray(), 0.4, 11));
        Assert.Equal(ScalarType.BFloat16, half.dtype);
        // Same seeds and chunks draw the same masks; only bf16 rounding of inputs and arithmetic differs.
        var agree = (half.to(ScalarType.Float32) - full32).abs().le(full32.abs().mul(held[0.02]).add(held[0.02], held[1])).to(ScalarType.Float32).mean().item<float>();
        Assert.True(agree > 0.99, $"only {agree:P2} of entries agree");
    }

    [Fact]
    public void Random_sparsification_needs_a_generator()
    {
        using var scope = NewDisposeScope();
        var inputs = Inputs.For(DareTies, [Inputs.Model("m", Inputs.T(1, 2), ("weight", 1), ("density", 0.5))], Inputs.T(0, 0));
        Assert.Contains("generator", Assert.Throws<ArgumentException>(() => DareTies.Merge(inputs)).Message);
    }
}
