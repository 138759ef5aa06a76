using EvoMerge.Core.Randomness;
using EvoMerge.Merging.Execution.Fused;
using EvoMerge.Merging.Methods.Tensors;
using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;

namespace EvoMerge.Merging.Tests.Execution;

/// <summary>
/// The fused kernels widen bfloat16 lanes out of memory order (even and odd entries apart); their results must be
/// bit-identical to the one-entry-at-a-time path, which follows mergekit's roundings directly, on any values
/// (NaN, infinities, subnormals, signed zeros) and lengths that are not a whole number of SIMD steps.
/// </summary>
public class Bf16VectorPathTests
{
    const int Elements = 16 * 37 + 11; // many SIMD steps of any width, and a ragged tail

    static PlannedTensor Planned(string method, Dictionary<string, double> global, double density = 1)
    {
        PlannedInput Input(string model, bool isBase, double weight) =>
            new(model, "t", isBase, new Dictionary<string, double> { ["weight"] = weight, ["density"] = density });
        return new PlannedTensor("t", [Input("base", true, 0.1), Input("a", false, 0.45), Input("b", false, -0.3), Input("c", false, 0.7)],
            global, [Elements], SafeTensorDType.BF16, SafeTensorDType.BF16, null);
    }

    public static TheoryData<string, double, double> Cases() => new()
    {
        { "linear", 1, 1 },
        { "linear", 0, 1 },
        { "task_arithmetic", 0, 1 },
        { "task_arithmetic", 1, 1.3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public unsafe void Whole_vectors_equal_the_entry_by_entry_path_bit_for_bit(string method, double normalize, double lambda)
    {
        var planned = Planned(method, new Dictionary<string, double> { ["normalize"] = normalize, ["lambda"] = lambda });
        var kernel = FusedKernels.For(method, planned, [.. Enumerable.Repeat(SafeTensorDType.BF16, 4)]);
        Assert.NotNull(kernel);
        var rng = new Rng(17);
        var baseValues = Enumerable.Range(0, Elements).Select(_ => (float)rng.NextGaussian()).ToArray();
        var inputs = Enumerable.Range(0, 4).Select(k => baseValues.Select(v => DtypeScalars.ToBFloat16Bits(k == 0 ? v : v + 0.05f * (float)rng.NextGaussian())).ToArray()).ToArray();
        var vectored = new ushort[Elements];
        var oneByOne = new ushort[Elements];
        fixed (ushort* x0 = inputs[0], x1 = inputs[1], x2 = inputs[2], x3 = inputs[3], whole = vectored, single = oneByOne)
        {
            IntPtr[] pointers = [(IntPtr)x0, (IntPtr)x1, (IntPtr)x2, (IntPtr)x3];
            kernel.Run(planned, pointers, (byte*)whole, Elements, bf16: true, seed: 0);
            for (int i = 0; i < Elements; i++)
                kernel.Run(planned, [.. pointers.Select(p => p + i * 2)], (byte*)(single + i), 1, bf16: true, seed: 0);
        }
        Assert.Equal(oneByOne, vectored);
    }

    /// <summary>bfloat16 patterns the arithmetic must treat exactly as the scalar path does.</summary>
    static readonly ushort[] Special = [0x7FC0, 0xFFC0, 0x7F80, 0xFF80, 0x0001, 0x8003, 0x007F, 0x0000, 0x8000, 0x7F7F, 0xFF7F];

    static ushort[][] Inputs(int seed, bool specials)
    {
        var rng = new Rng((ulong)seed);
        var baseValues = Enumerable.Range(0, Elements).Select(_ => (float)rng.NextGaussian()).ToArray();
        var inputs = Enumerable.Range(0, 4).Select(k => baseValues.Select(v => DtypeScalars.ToBFloat16Bits(k == 0 ? v : v + 0.05f * (float)rng.NextGaussian())).ToArray()).ToArray();
        if (specials)
            foreach (var input in inputs)
                for (int j = 0; j < Elements / 20; j++) input[rng.NextInt(Elements)] = Special[rng.NextInt(Special.Length)];
        return inputs;
    }

    public static TheoryData<string, double, double, bool> TrimCases() => new()
    {
        { "ties", 0.4, 1, false },
        { "ties", 0.4, 1, true },
        { "ties", 0.9, 0, true },
        { "dare_ties", 0.3, 1, false },
        { "dare_ties", 0.6, 0, true },
    };

    /// <summary>
    /// ties and dare_ties: one prepared pass (the same trim thresholds or keep bits) run as whole vectors and entry
    /// by entry; the data includes many tied magnitudes (rounded deltas) and, where asked, special values.
    /// </summary>
    [Theory]
    [MemberData(nameof(TrimCases))]
    public void Ties_whole_vectors_equal_the_entry_by_entry_path_bit_for_bit(string method, double density, double normalize, bool specials)
    {
        var planned = Planned(method, new Dictionary<string, double> { ["normalize"] = normalize, ["lambda"] = 0.9 }, density);
        var kernel = FusedKernels.For(method, planned, [.. Enumerable.Repeat(SafeTensorDType.BF16, 4)]);
        Assert.NotNull(kernel);
        var (vectored, oneByOne) = WholeAndOneByOne(kernel, planned, Inputs(23, specials), seed: 77);
        Assert.Equal(oneByOne, vectored);
    }

    /// <summary>The same passes with the 512-bit steps forced on (emulated where AVX-512 is missing) and off.</summary>
    [Theory]
    [InlineData("ties", 0.4, 1, true, true)]
    [InlineData("ties", 0.9, 0, true, false)]
    [InlineData("ties", 0.4, 1, false, true)]
    [InlineData("dare_ties", 0.3, 1, true, true)]
    [InlineData("dare_ties", 0.6, 0, true, false)]
    public void Ties_each_vector_width_equals_the_entry_by_entry_path_bit_for_bit(string method, double density, double normalize, bool specials, bool wide)
    {
        var planned = Planned(method, new Dictionary<string, double> { ["normalize"] = normalize, ["lambda"] = 0.9 }, density);
        var kernel = new TiesKernel(random: method == "dare_ties") { WideVectors = wide };
        Assert.True(kernel.Supports(planned));
        foreach (var seed in new[] { 41, 43 })
        {
            var (vectored, oneByOne) = WholeAndOneByOne(kernel, planned, Inputs(seed, specials), seed: 77);
            Assert.Equal(oneByOne, vectored);
        }
    }

    /// <summary>
    /// DARE's L1 rescale sums its norms in another order in 512-bit steps; rounded to bfloat16 the factor, and so the
    /// merge, must come out the same as with the other width, on a tensor of many blocks.
    /// </summary>
    [Fact]
    public unsafe void Dare_rescale_is_the_same_for_each_vector_width()
    {
        const int Large = 3 * 65536 + 1001;
        var rng = new Rng(47);
        var baseValues = Enumerable.Range(0, Large).Select(_ => (float)rng.NextGaussian()).ToArray();
        var inputs = Enumerable.Range(0, 4).Select(k => baseValues.Select(v => DtypeScalars.ToBFloat16Bits(k == 0 ? v : v + 0.05f * (float)rng.NextGaussian())).ToArray()).ToArray();
        PlannedInput Input(string model, bool isBase, double weight) =>
            new(model, "t", isBase, new Dictionary<string, double> { ["weight"] = weight, ["density"] = 0.35 });
        var planned = new PlannedTensor("t", [Input("base", true, 1), Input("a", false, 0.45), Input("b", false, -0.3), Input("c", false, 0.7)],
            new Dictionary<string, double>(), [Large], SafeTensorDType.BF16, SafeTensorDType.BF16, null);
        var outputs = new[] { true, false }.Select(wide =>
        {
            var output = new ushort[Large];
            fixed (ushort* x0 = inputs[0], x1 = inputs[1], x2 = inputs[2], x3 = inputs[3], target = output)
                ((IFusedKernel)new TiesKernel(random: true) { WideVectors = wide }).Run(planned, [(IntPtr)x0, (IntPtr)x1, (IntPtr)x2, (IntPtr)x3], (byte*)target, Large, bf16: true, seed: 5);
            return output;
        }).ToList();
        Assert.Equal(outputs[1], outputs[0]);
        Assert.Contains(outputs[0], v => v != 0);
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("task_arithmetic")]
    public void Special_values_go_through_whole_vectors_as_entry_by_entry(string method)
    {
        var planned = Planned(method, new Dictionary<string, double> { ["normalize"] = 1, ["lambda"] = 1.3 });
        var kernel = FusedKernels.For(method, planned, [.. Enumerable.Repeat(SafeTensorDType.BF16, 4)]);
        Assert.NotNull(kernel);
        var (vectored, oneByOne) = WholeAndOneByOne(kernel, planned, Inputs(29, specials: true), seed: 0);
        Assert.Equal(oneByOne, vectored);
    }

    /// <summary>
    /// The 512-bit path (run even where AVX-512 is missing, then emulated) and the <see cref="System.Numerics.Vector{T}"/>
    /// path give the scalar rule's bits on special values, for lengths that end in a partial 512-bit step.
    /// </summary>
    [Theory]
    [InlineData("linear", true)]
    [InlineData("linear", false)]
    [InlineData("task_arithmetic", true)]
    [InlineData("task_arithmetic", false)]
    public void Each_vector_width_equals_the_entry_by_entry_path_bit_for_bit(string method, bool wide)
    {
        var planned = Planned(method, new Dictionary<string, double> { ["normalize"] = 1, ["lambda"] = 1.3 });
        IFusedKernel kernel = method == "linear" ? new LinearKernel { WideVectors = wide } : new TaskArithmeticKernel { WideVectors = wide };
        Assert.True(kernel.Supports(planned));
        foreach (var seed in new[] { 31, 37 })
        {
            var (vectored, oneByOne) = WholeAndOneByOne(kernel, planned, Inputs(seed, specials: true), seed: 0);
            Assert.Equal(oneByOne, vectored);
        }
    }

    /// <summary>One prepared pass run over the whole tensor, and again entry by entry (the scalar path only).</summary>
    static unsafe (ushort[] Whole, ushort[] OneByOne) WholeAndOneByOne(IFusedKernel kernel, PlannedTensor planned, ushort[][] inputs, ulong seed)
    {
        var vectored = new ushort[Elements];
        var oneByOne = new ushort[Elements];
        fixed (ushort* x0 = inputs[0], x1 = inputs[1], x2 = inputs[2], x3 = inputs[3], whole = vectored, single = oneByOne)
        {
            var pass = kernel.Prepare(planned, [(IntPtr)x0, (IntPtr)x1, (IntPtr)x2, (IntPtr)x3], Elements, bf16: true, seed);
            pass.RunRange(0, Elements, (byte*)whole);
            for (int i = 0; i < Elements; i++) pass.RunRange(i, i + 1, (byte*)(single + i));
        }
        return (vectored, oneByOne);
    }
}
