using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Tests.Methods.Support;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods;

/// <summary>Scalars, single entries, empty tensors and float64 go through every method.</summary>
public class EdgeShapeTests
{
    public static TheoryData<string> Methods => new(MergeMethodRegistry.All.Select(m => m.Name));

    static Tensor Run(IMergeMethod method, Func<int, Tensor> make)
    {
        var p = Inputs.P(("weight", 0.5), ("density", 0.5), ("gamma", 0.1), ("epsilon", 0.1));
        var b = make(0);
        var xs = Enumerable.Range(1, 3).Select(make).ToArray();
        IReadOnlyList<MethodInputModel> models = method.Name switch
        {
            "slerp" => [new("base", true, b, p), new("a", false, xs[0], p)],
            "nuslerp" => [new("a", false, xs[0], p), new("b", false, xs[1], p)],
            "passthrough" => [new("a", false, xs[0], p)],
            "nearswap" or "arcee_fusion" => [new("base", true, b, p), new("a", false, xs[0], p)],
            "fisher" => xs.Select((x, i) => new MethodInputModel($"m{i}", false, x, p) { Fisher = x.abs() }).ToList(),
            _ => xs.Select((x, i) => new MethodInputModel($"m{i}", false, x, p)).ToList(),
        };
        return method.Merge(Inputs.For(method, models, method.Name is "linear" or "passthrough" ? null : b, Inputs.P(("t", 0.5), ("alpha", 0.5), ("beta", 0.5)), new Generator(1)));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Zero_dimensional_and_empty_tensors_keep_their_shape(string name)
    {
        using var scope = NewDisposeScope();
        var method = MergeMethodRegistry.Get(name);
        var scalar = Run(method, i => tensor((float)(i + 1)));
        Assert.Empty(scalar.shape);
        Assert.True(float.IsFinite(scalar.item<float>()));
        var empty = Run(method, _ => zeros(0, 4));
        Assert.Equal(new long[] { 0, 4 }, empty.shape);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Float64_stays_float64_and_agrees_with_float32(string name)
    {
        using var scope = NewDisposeScope();
        var method = MergeMethodRegistry.Get(name);
        var data = Enumerable.Range(0, 4).Select(i => randn([16, 24], generator: new Generator((ulong)i + 1))).ToArray();
        var single = Run(method, i => data[i]);
        var wide = Run(method, i => data[i].to(ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, wide.dtype);
        // Random methods too: their draws depend on the seed and on magnitude ranks, not on the dtype.
        TensorAssert.Close(wide.to(ScalarType.Float32), single, 1e-5, 1e-5);
    }
}
