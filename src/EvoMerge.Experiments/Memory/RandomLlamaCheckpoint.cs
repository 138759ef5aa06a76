using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Merging.Samples;
using EvoMerge.Models.Tensors;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;
using static TorchSharp.torch;

namespace EvoMerge.Experiments.Memory;

/// <summary>
/// Writes a Llama-shaped bf16 checkpoint of random weights (N(0, 0.02^2), norms 1) of any size, drawn with
/// TorchSharp so a billion parameters take seconds; an expert adds seeded N(0, noise^2) to the same base.
/// </summary>
public static class RandomLlamaCheckpoint
{
    public static long Parameters(TinyLlamaShape shape, int keyValueHeads, int heads) =>
        Specs(shape, keyValueHeads, heads).Sum(s => s.Shape.Aggregate(1L, (a, b) => a * b));

    public static unsafe void Write(string folder, TinyLlamaShape shape, int heads, int keyValueHeads, ulong? expertSeed, double noise = 0.01)
    {
        Directory.CreateDirectory(folder);
        var specs = Specs(shape, keyValueHeads, heads);
        using var baseDraws = new Generator(1);
        using var expertDraws = expertSeed is ulong seed ? new Generator(seed) : null;
        using (var writer = CheckpointWriter.Create(folder, specs, CheckpointFiles.DefaultShardSize))
        {
            foreach (var spec in specs)
            {
                using var scope = NewDisposeScope();
                var values = spec.Name.EndsWith("norm.weight", StringComparison.Ordinal)
                    ? ones(spec.Shape)
                    : randn(spec.Shape, generator: baseDraws) * 0.02;
                if (expertDraws is not null) values += randn(spec.Shape, generator: expertDraws) * noise;
                var stored = values.to(ScalarType.BFloat16).contiguous();
                writer.Write(spec.Name, (byte*)TensorPieces.BasePointer(stored), stored.numel() * 2);
            }
            writer.Commit();
        }
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray("LlamaForCausalLM"),
            ["model_type"] = "llama",
            ["hidden_size"] = shape.Hidden,
            ["intermediate_size"] = shape.Intermediate,
            ["num_hidden_layers"] = shape.Layers,
            ["num_attention_heads"] = heads,
            ["num_key_value_heads"] = keyValueHeads,
            ["vocab_size"] = shape.Vocab,
            ["rms_norm_eps"] = 1e-5,
            ["rope_theta"] = 10000.0,
            ["max_position_embeddings"] = 2048,
            ["torch_dtype"] = "bfloat16",
            ["tie_word_embeddings"] = shape.TieEmbeddings,
        };
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The tiny checkpoints' tensor list with grouped-query k/v projections, as TinyLlama-1.1B has.</summary>
    static IReadOnlyList<TensorSpec> Specs(TinyLlamaShape shape, int keyValueHeads, int heads)
    {
        long kv = (long)shape.Hidden / heads * keyValueHeads;
        return TinyLlamaCheckpoints.TensorSpecs(shape, SafeTensorDType.BF16)
            .Select(s => s.Name.EndsWith("k_proj.weight", StringComparison.Ordinal) || s.Name.EndsWith("v_proj.weight", StringComparison.Ordinal)
                ? new TensorSpec(s.Name, s.DType, [kv, shape.Hidden])
                : s)
            .ToList();
    }
}
