using System.Runtime.InteropServices;
using EvoMerge.Merging.Config;
using EvoMerge.Merging.Execution;
using EvoMerge.Merging.Planning;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Reading;

namespace EvoMerge.Merging.Tests.EndToEnd;

/// <summary>The executor hands depth-dependent methods (lines) the layer position gradients use.</summary>
public class LayerPositionTests
{
    [Fact]
    public void Lines_scales_each_layer_by_its_depth()
    {
        string root = RepoPaths.GoldenMergekitMore;
        var config = MergeConfigParser.Parse("""
            merge_method: lines
            base_model: ./models/base
            parameters: {alpha: 0.2, beta: 0.6}
            models:
              - model: ./models/a
            """, root);
        var plan = MergePlanner.Plan(config);
        Assert.Equal(0.0, plan.Tensors.Single(t => t.OutputName == "model.layers.0.mlp.up_proj.weight").LayerPosition);
        Assert.Equal(1.0, plan.Tensors.Single(t => t.OutputName == "model.layers.1.mlp.up_proj.weight").LayerPosition);
        Assert.Equal(0.0, plan.Tensors.Single(t => t.OutputName == "lm_head.weight").LayerPosition);

        var merged = new Dictionary<string, float[]>();
        using (var executor = new MergeExecutor(plan))
            executor.Run((p, t) => merged[p.OutputName] = MemoryMarshal.Cast<byte, float>(TensorLoader.Bytes(t)).ToArray());
        using var b = SafeTensorsFile.Open(Path.Combine(root, "models", "base", "model.safetensors"));
        using var a = SafeTensorsFile.Open(Path.Combine(root, "models", "a", "model.safetensors"));
        foreach (var (name, scale) in new[] { ("model.layers.0.mlp.up_proj.weight", 0.2), ("model.layers.1.mlp.up_proj.weight", 0.8), ("lm_head.weight", 0.2) })
        {
            var x = MemoryMarshal.Cast<byte, float>(a.GetBytes(name)).ToArray();
            var y = MemoryMarshal.Cast<byte, float>(b.GetBytes(name)).ToArray();
            for (int i = 0; i < x.Length; i++)
                Assert.True(Math.Abs(y[i] + scale * (x[i] - y[i]) - merged[name][i]) < 1e-6, $"{name}[{i}]: {merged[name][i]}, expected scale {scale}");
        }
    }
}
