using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Reading;
using EvoMerge.SafeTensors.Tests.Support;

namespace EvoMerge.SafeTensors.Tests;

/// <summary>Reads the tiny Llama checkpoints saved by Python's safetensors (see shared/golden/mergekit/README.md).</summary>
public sealed class GoldenCheckpointTests
{
    private static readonly string ModelA = Path.Combine(RepoPaths.GoldenMergekit, "models", "a");

    [Fact]
    public void Golden_model_opens_with_llama_tensor_names_f32_and_shapes()
    {
        using var checkpoint = SafeTensorsCheckpoint.Open(ModelA);
        Assert.Equal(21, checkpoint.TensorNames.Count);
        Assert.Equal(Path.Combine(ModelA, CheckpointFiles.SingleFileName), checkpoint.FileOf("lm_head.weight"));
        Assert.All(checkpoint.TensorNames, name => Assert.Equal(SafeTensorDType.F32, checkpoint.GetInfo(name).DType));
        Assert.Equal([16L, 16], checkpoint.GetInfo("model.layers.0.self_attn.q_proj.weight").Shape);
        Assert.Equal([16L, 24], checkpoint.GetInfo("model.layers.1.mlp.down_proj.weight").Shape);
        Assert.Equal([24L, 16], checkpoint.GetInfo("model.layers.0.mlp.gate_proj.weight").Shape);
        Assert.Equal([32L, 16], checkpoint.GetInfo("model.embed_tokens.weight").Shape);
        Assert.Equal([16L], checkpoint.GetInfo("model.norm.weight").Shape);
    }

    [Fact]
    public void Golden_model_values_are_finite_floats_and_norm_weights_are_plausible()
    {
        using var file = SafeTensorsFile.Open(Path.Combine(ModelA, CheckpointFiles.SingleFileName));
        foreach (var name in file.Tensors.Keys)
        {
            var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(file.GetBytes(name));
            Assert.Equal(file.Tensors[name].ElementCount, values.Length);
            foreach (var v in values)
            {
                Assert.True(float.IsFinite(v), $"{name} holds {v}");
            }
        }

        var q = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(file.GetBytes("model.layers.0.self_attn.q_proj.weight"));
        Assert.Contains(q.ToArray(), v => v != 0);
    }

    [Fact]
    public void Every_golden_checkpoint_passes_the_strict_reader()
    {
        var root = Path.Combine(RepoPaths.GoldenMergekit);
        var files = Directory.EnumerateFiles(root, "*.safetensors", SearchOption.AllDirectories).ToList();
        Assert.True(files.Count >= 4, $"expected the golden models under {root}");
        foreach (var file in files)
        {
            var header = SafeTensorsFile.ReadHeader(file);
            Assert.NotEmpty(header.Tensors);
        }
    }
}
