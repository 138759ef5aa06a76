using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Output;
using EvoMerge.Merging.Samples;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Merging.Tests.EndToEnd;

/// <summary>Merges of tiny mixture-of-experts checkpoints (Mixtral and Qwen2-MoE names): routers and experts reached by filters, layers by slices.</summary>
public sealed class MoeMergeTests : IDisposable
{
    readonly TempFolder _dir = new();

    TinyMoeShape WriteModels(MoeLayout layout)
    {
        var shape = new TinyMoeShape(layout);
        TinyMoeCheckpoints.Write(_dir.Combine("base"), shape, baseSeed: 1);
        TinyMoeCheckpoints.Write(_dir.Combine("a"), shape, baseSeed: 1, expertSeed: 2, noise: 0.05);
        TinyMoeCheckpoints.Write(_dir.Combine("b"), shape, baseSeed: 1, expertSeed: 3, noise: 0.05);
        return shape;
    }

    string Merge(string yaml)
    {
        var config = MergeConfigParser.Parse(yaml, _dir.Path);
        string output = _dir.Combine("out-" + Guid.NewGuid().ToString("N"));
        var options = new MergeJobOptions();
        MergeJob.Run(MergeJob.Prepare(config, output, options), output, options);
        return output;
    }

    static float[] Read(string folder, string tensor)
    {
        using var checkpoint = SafeTensorsCheckpoint.Open(folder);
        return MemoryMarshal.Cast<byte, float>(checkpoint.GetBytes(tensor)).ToArray();
    }

    [Theory]
    [InlineData(MoeLayout.Mixtral, "block_sparse_moe.gate")]
    [InlineData(MoeLayout.QwenMoe, "mlp.gate.")]
    public void Filters_give_routers_and_experts_weights_of_their_own(MoeLayout layout, string routerFilter)
    {
        WriteModels(layout);
        string output = Merge($"""
            merge_method: task_arithmetic
            base_model: base
            models:
              - model: a
                parameters:
                  weight: [{"{"}filter: "{routerFilter}", value: 0.25{"}"}, {"{"}filter: experts, value: 0.75{"}"}, {"{"}value: 0.5{"}"}]
              - model: b
                parameters: {"{"}weight: 0.5{"}"}
            """);

        var expected = new List<(string Tensor, double WeightOfA)>
        {
            ($"model.layers.1.{TinyMoeCheckpoints.RouterSuffix(layout)}", 0.25),
            (TinyMoeCheckpoints.ExpertTensor(layout, 0, 3, 1), 0.75),
            (TinyMoeCheckpoints.ExpertTensor(layout, 1, 0, 2), 0.75),
            ("model.layers.0.self_attn.q_proj.weight", 0.5),
            ("lm_head.weight", 0.5),
        };
        if (layout == MoeLayout.QwenMoe)
        {
            // Shared-expert tensors contain neither "experts" nor "mlp.gate.": they take the default.
            expected.Add(("model.layers.0.mlp.shared_expert.up_proj.weight", 0.5));
            expected.Add(("model.layers.1.mlp.shared_expert_gate.weight", 0.5));
        }
        foreach (var (tensor, weightOfA) in expected)
        {
            float[] merged = Read(output, tensor), b0 = Read(_dir.Combine("base"), tensor), a = Read(_dir.Combine("a"), tensor), b = Read(_dir.Combine("b"), tensor);
            for (int i = 0; i < merged.Length; i++)
            {
                double want = b0[i] + weightOfA * (a[i] - b0[i]) + 0.5 * (b[i] - b0[i]);
                Assert.True(Math.Abs(want - merged[i]) < 1e-6, $"{tensor}[{i}]: {merged[i]}, expected {want} (weight of a {weightOfA})");
            }
        }
        using var result = SafeTensorsCheckpoint.Open(output);
        Assert.Equal(TinyMoeCheckpoints.TensorSpecs(new TinyMoeShape(layout)).Select(s => s.Name).Order(), result.TensorNames.Order());
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!;
        Assert.Equal(layout == MoeLayout.Mixtral ? "mixtral" : "qwen2_moe", (string?)config["model_type"]);
    }

    [Theory]
    [InlineData(MoeLayout.Mixtral)]
    [InlineData(MoeLayout.QwenMoe)]
    public void Slices_move_every_expert_and_router_tensor_of_a_layer_together(MoeLayout layout)
    {
        var shape = WriteModels(layout);
        string output = Merge("""
            merge_method: passthrough
            slices:
              - sources: [{model: a, layer_range: [0, 2]}]
              - sources: [{model: b, layer_range: [1, 2]}]
            """);

        using var result = SafeTensorsCheckpoint.Open(output);
        int perLayer = TinyMoeCheckpoints.TensorSpecs(shape).Count(s => s.Name.StartsWith("model.layers.0.", StringComparison.Ordinal));
        Assert.Equal(perLayer, result.TensorNames.Count(n => n.StartsWith("model.layers.2.", StringComparison.Ordinal)));
        for (int e = 0; e < shape.Experts; e++)
            Assert.Equal(Read(_dir.Combine("b"), TinyMoeCheckpoints.ExpertTensor(layout, 1, e, 0)), Read(output, TinyMoeCheckpoints.ExpertTensor(layout, 2, e, 0)));
        string router = TinyMoeCheckpoints.RouterSuffix(layout);
        Assert.Equal(Read(_dir.Combine("b"), $"model.layers.1.{router}"), Read(output, $"model.layers.2.{router}"));
        Assert.Equal(Read(_dir.Combine("a"), $"model.layers.1.{router}"), Read(output, $"model.layers.1.{router}"));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!;
        Assert.Equal(3, (int)config["num_hidden_layers"]!);
    }

    [Theory]
    [InlineData(MoeLayout.Mixtral, "ties")]
    [InlineData(MoeLayout.QwenMoe, "dare_ties")]
    [InlineData(MoeLayout.Mixtral, "slerp")]
    public void Other_methods_merge_every_tensor_of_a_moe_checkpoint(MoeLayout layout, string method)
    {
        var shape = WriteModels(layout);
        string models = method == "slerp"
            ? "base_model: a\nparameters: {t: [{filter: experts, value: 0.3}, {value: 0.6}]}\nmodels:\n  - model: a\n  - model: b\n"
            : "base_model: base\nrandom_seed: 1\nmodels:\n  - model: a\n    parameters: {weight: 0.5, density: 0.5}\n  - model: b\n    parameters: {weight: 0.5, density: 0.5}\n";
        string output = Merge($"merge_method: {method}\n{models}");

        using var result = SafeTensorsCheckpoint.Open(output);
        Assert.Equal(TinyMoeCheckpoints.TensorSpecs(shape).Select(s => s.Name).Order(), result.TensorNames.Order());
        string expert = TinyMoeCheckpoints.ExpertTensor(layout, 1, 2, 0);
        Assert.NotEqual(Read(_dir.Combine("a"), expert), Read(output, expert));
        Assert.All(Read(output, expert), v => Assert.True(float.IsFinite(v)));
    }

    public void Dispose() => _dir.Dispose();
}
