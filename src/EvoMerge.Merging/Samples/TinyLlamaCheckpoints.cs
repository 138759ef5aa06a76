using System.Text.Json.Nodes;
using EvoMerge.Core.Randomness;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.Merging.Samples;

/// <summary>Shape of a generated Llama-style checkpoint (the tensor names Hugging Face uses).</summary>
public sealed record TinyLlamaShape(int Hidden = 16, int Intermediate = 24, int Layers = 2, int Vocab = 32, bool TieEmbeddings = false);

/// <summary>
/// Writes small Llama-shaped safetensors checkpoints with seeded random weights: a base model, and
/// "fine-tuned" experts that are the base plus seeded noise. Used by the merge demo, tests and the
/// merge benchmark; no model hub needed.
/// </summary>
public static class TinyLlamaCheckpoints
{
    public static IReadOnlyList<TensorSpec> TensorSpecs(TinyLlamaShape shape, SafeTensorDType dtype = SafeTensorDType.F32)
    {
        var specs = new List<TensorSpec> { new("model.embed_tokens.weight", dtype, [shape.Vocab, shape.Hidden]) };
        for (int l = 0; l < shape.Layers; l++)
        {
            string p = $"model.layers.{l}.";
            specs.Add(new(p + "input_layernorm.weight", dtype, [shape.Hidden]));
            foreach (var proj in new[] { "q_proj", "k_proj", "v_proj", "o_proj" })
                specs.Add(new(p + $"self_attn.{proj}.weight", dtype, [shape.Hidden, shape.Hidden]));
            specs.Add(new(p + "post_attention_layernorm.weight", dtype, [shape.Hidden]));
            specs.Add(new(p + "mlp.gate_proj.weight", dtype, [shape.Intermediate, shape.Hidden]));
            specs.Add(new(p + "mlp.up_proj.weight", dtype, [shape.Intermediate, shape.Hidden]));
            specs.Add(new(p + "mlp.down_proj.weight", dtype, [shape.Hidden, shape.Intermediate]));
        }
        specs.Add(new("model.norm.weight", dtype, [shape.Hidden]));
        if (!shape.TieEmbeddings) specs.Add(new("lm_head.weight", dtype, [shape.Vocab, shape.Hidden]));
        return specs;
    }

    /// <summary>
    /// Writes <paramref name="folder"/>/model.safetensors and config.json. Weights are N(0, 0.02^2)
    /// from <paramref name="baseSeed"/>, norms 1; an expert adds N(0, noise^2) from its own seed.
    /// </summary>
    public static void Write(string folder, TinyLlamaShape shape, ulong baseSeed, ulong? expertSeed = null, double noise = 0.01)
    {
        Directory.CreateDirectory(folder);
        var specs = TensorSpecs(shape);
        var baseRng = new Rng(baseSeed);
        var expertRng = expertSeed is ulong s ? new Rng(s) : null;
        using (var writer = CheckpointWriter.Create(folder, specs, CheckpointFiles.DefaultShardSize))
        {
            foreach (var spec in specs)
            {
                long n = spec.Shape.Aggregate(1L, (a, b) => a * b);
                var values = new float[n];
                bool isNorm = spec.Name.EndsWith("norm.weight", StringComparison.Ordinal);
                for (long i = 0; i < n; i++)
                {
                    double v = isNorm ? 1.0 : 0.02 * baseRng.NextGaussian();
                    if (expertRng != null) v += noise * expertRng.NextGaussian();
                    values[i] = (float)v;
                }
                writer.Write(spec.Name, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
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
            ["num_attention_heads"] = 4,
            ["num_key_value_heads"] = 4,
            ["vocab_size"] = shape.Vocab,
            ["rms_norm_eps"] = 1e-5,
            ["max_position_embeddings"] = 64,
            ["torch_dtype"] = "float32",
            ["tie_word_embeddings"] = shape.TieEmbeddings,
        };
        File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
