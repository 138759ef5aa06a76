using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Methods;
using EvoMerge.Merging.Methods.Papers;
using EvoMerge.Merging.Planning;
using EvoMerge.Merging.Samples;
using EvoMerge.Merging.Tests.Methods.Support;
using EvoMerge.Models.Torch;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Tests.Methods.Papers;

public class FisherMergingTests
{
    static readonly IMergeMethod Fisher = MergeMethodRegistry.Get("fisher");

    static MethodInputModel Model(string name, Tensor x, Tensor fisher, double weight = 1) =>
        Inputs.Model(name, x, ("weight", weight)) with { Fisher = fisher };

    [Fact]
    public void Weights_each_entry_by_the_models_fisher_information()
    {
        using var scope = NewDisposeScope();
        // Entry 0: (1 * 1 + 3 * 3) / (1 + 3) = 2.5. Entry 1: only b has information there, so b's 4.
        // Entry 2: neither has any: epsilon makes it the plain average 4.
        var merged = Inputs.Values(Fisher.Merge(Inputs.For(Fisher,
            [Model("a", Inputs.T(1, 2, 3), Inputs.T(1, 0, 0)), Model("b", Inputs.T(3, 4, 5), Inputs.T(3, 1, 0))])));
        Assert.Equal(2.5f, merged[0], 6);
        Assert.Equal(4f, merged[1], 6);
        Assert.Equal(4f, merged[2], 6);
    }

    [Fact]
    public void Per_model_weights_scale_the_fisher_information()
    {
        using var scope = NewDisposeScope();
        // (2 * 1 * 1 + 1 * 3 * 3) / (2 * 1 + 1 * 3) = 11 / 5.
        var merged = Inputs.Values(Fisher.Merge(Inputs.For(Fisher,
            [Model("a", Inputs.T(1), Inputs.T(1), weight: 2), Model("b", Inputs.T(3), Inputs.T(3))])));
        Assert.Equal(2.2f, merged[0], 6);
    }

    [Fact]
    public void Equal_fishers_give_the_weighted_linear_average()
    {
        using var scope = NewDisposeScope();
        var a = randn(5, 7);
        var b = randn(5, 7);
        var f = rand(5, 7);
        var fisher = Fisher.Merge(Inputs.For(Fisher, [Model("a", a, f, 0.3), Model("b", b, f, 0.7)]));
        var linear = MergeMethodRegistry.Get("linear").Merge(Inputs.For(MergeMethodRegistry.Get("linear"),
            [Inputs.Model("a", a, ("weight", 0.3)), Inputs.Model("b", b, ("weight", 0.7))]));
        Assert.True(fisher.allclose(linear, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void A_model_without_fisher_information_is_named()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => Fisher.Merge(Inputs.For(Fisher,
            [Model("a", Inputs.T(1), Inputs.T(1)), Inputs.Model("b", Inputs.T(3))])));
        Assert.Contains("Fisher information of model 'b'", e.Message);
    }

    [Fact]
    public void All_zero_weights_are_refused()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => Fisher.Merge(Inputs.For(Fisher,
            [Model("a", Inputs.T(1), Inputs.T(1), 0), Model("b", Inputs.T(3), Inputs.T(1), 0)])));
        Assert.Contains("not all 0", e.Message);
    }
}

/// <summary>The merge reads each model's Fisher checkpoint from its fisher/ folder, and says which ones are missing before reading weights.</summary>
public sealed class FisherMergeEndToEndTests : IDisposable
{
    readonly TempFolder _dir = new();

    public FisherMergeEndToEndTests()
    {
        var shape = new TinyLlamaShape();
        TinyLlamaCheckpoints.Write(_dir.Combine("a"), shape, 1, 2);
        TinyLlamaCheckpoints.Write(_dir.Combine("b"), shape, 1, 3);
    }

    public void Dispose() => _dir.Dispose();

    const string Yaml = "merge_method: fisher\nmodels:\n  - model: a\n  - model: b\n    parameters: {weight: 0.5}\n";

    /// <summary>A Fisher checkpoint whose every entry is <paramref name="value"/>.</summary>
    void WriteFisher(string model, float value)
    {
        var header = SafeTensorsCheckpoint.ReadHeaders(_dir.Combine(model));
        FisherFiles.Write(_dir.Combine(model), [.. header.TensorNames.Select(n =>
        {
            var shape = header.Tensors[n].Shape.ToArray();
            return (n, shape, Enumerable.Repeat(value, (int)shape.Aggregate(1L, (x, y) => x * y)).ToArray());
        })]);
    }

    [Fact]
    public void Missing_fisher_checkpoints_are_listed_for_every_model_before_any_weight_is_read()
    {
        WriteFisher("a", 1);
        var problems = Assert.Throws<MergeConfigException>(() => MergePlanner.Plan(MergeConfigParser.Parse(Yaml, _dir.Path))).Problems;
        var problem = Assert.Single(problems);
        Assert.Contains(Path.Combine(_dir.Combine("b"), "fisher"), problem);
        Assert.Contains("Fisher information", problem);
    }

    [Fact]
    public void Merges_with_the_fisher_checkpoints_of_each_model()
    {
        WriteFisher("a", 1);
        WriteFisher("b", 4);
        // Replacing a Fisher checkpoint works too (the old folder is swapped out).
        WriteFisher("b", 6);
        var plan = MergePlanner.Plan(MergeConfigParser.Parse(Yaml, _dir.Path));
        using var a = SafeTensorsCheckpoint.Open(_dir.Combine("a"));
        using var b = SafeTensorsCheckpoint.Open(_dir.Combine("b"));
        using var executor = new MergeExecutor(plan);
        int checkedTensors = 0;
        executor.Run((planned, merged) =>
        {
            using var scope = NewDisposeScope();
            using var held = new HeldScalars();
            var x = TensorLoader.Load(a, planned.OutputName).to_type(ScalarType.Float32);
            var y = TensorLoader.Load(b, planned.OutputName).to_type(ScalarType.Float32);
            // weights 1 and 0.5, Fishers 1 and 6: (1 x + 3 y) / 4.
            var expected = x.add(y.mul(held[3]), held[1]).div(held[4]);
            Assert.True(merged.to_type(ScalarType.Float32).allclose(expected, rtol: 1e-5, atol: 1e-6), planned.OutputName);
            checkedTensors++;
        });
        Assert.Equal(plan.Tensors.Count, checkedTensors);
        Assert.False(Directory.EnumerateDirectories(_dir.Combine("b"), "fisher.tmp-*").Any());
    }
}
