using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.Randomness;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;

namespace EvoMerge.Merging.Samples;

/// <summary>The two mixture-of-experts naming schemes of Hugging Face checkpoints.</summary>
public enum MoeLayout
{
    /// <summary>Mixtral: <c>block_sparse_moe.gate</c> (router), <c>block_sparse_moe.experts.E.w1/w2/w3</c>.</summary>
    Mixtral,

    /// <summary>Qwen2-MoE: <c>mlp.gate</c> (router), <c>mlp.experts.E.gate_proj/up_proj/down_proj</c>, <c>mlp.shared_expert.*</c>, <c>mlp.shared_expert_gate</c>.</summary>
    QwenMoe,
}

/// <summary>Shape of a generated mixture-of-experts checkpoint.</summary>
public sealed record TinyMoeShape(MoeLayout Layout, int Hidden = 8, int Intermediate = 12, int Layers = 2, int Experts = 4, int Vocab = 16);

/// <summary>
/// Writes small mixture-of-experts checkpoints (Mixtral or Qwen2-MoE tensor names) with seeded random
/// weights, as <see cref="TinyLlamaCheckpoints"/> does for dense ones: merges and searches over MoE
/// checkpoints are tested without a model hub.
/// </summary>
public static class TinyMoeCheckpoints
{
    /// <summary>The router's tensor name inside a layer (after <c>model.layers.N.</c>).</summary>
    public static string RouterSuffix(MoeLayout layout) => layout == MoeLayout.Mixtral ? "block_sparse_moe.gate.weight" : "mlp.gate.weight";

    /// <summary>The name of one expert's projection in a layer, e.g. <c>model.layers.1.block_sparse_moe.experts.3.w2.weight</c>.</summary>
    public static string ExpertTensor(MoeLayout layout, int layer, int expert, int projection) => layout == MoeLayout.Mixtral
        ? $"model.layers.{layer}.block_sparse_moe.experts.{expert}.w{projection + 1}.weight"
        : $"model.layers.{layer}.mlp.experts.{expert}.{QwenProjections[projection]}.weight";

    static readonly string[] QwenProjections = ["gate_proj", "down_proj", "up_proj"];

    public static IReadOnlyList<TensorSpec> TensorSpecs(TinyMoeShape shape)
    {
        const SafeTensorDType f32 = SafeTensorDType.F32;
        int h = shape.Hidden, i = shape.Intermediate;
        var specs = new List<TensorSpec> { new("model.embed_tokens.weight", f32, [shape.Vocab, h]) };
        for (int l = 0; l < shape.Layers; l++)
        {
            string p = $"model.layers.{l}.";
            specs.Add(new(p + "input_layernorm.weight", f32, [h]));
            foreach (var proj in new[] { "q_proj", "k_proj", "v_proj", "o_proj" })
                specs.Add(new(p + $"self_attn.{proj}.weight", f32, [h, h]));
            specs.Add(new(p + "post_attention_layernorm.weight", f32, [h]));
            specs.Add(new(p + RouterSuffix(shape.Layout), f32, [shape.Experts, h]));
            for (int e = 0; e < shape.Experts; e++)
            {
                // Projection 1 (w2, down_proj) maps the intermediate size back to the hidden size.
                for (int projection = 0; projection < 3; projection++)
                    specs.Add(new(ExpertTensor(shape.Layout, l, e, projection), f32, projection == 1 ? [h, i] : [i, h]));
            }
            if (shape.Layout == MoeLayout.QwenMoe)
            {
                specs.Add(new(p + "mlp.shared_expert.gate_proj.weight", f32, [i, h]));
                specs.Add(new(p + "mlp.shared_expert.up_proj.weight", f32, [i, h]));
                specs.Add(new(p + "mlp.shared_expert.down_proj.weight", f32, [h, i]));
                specs.Add(new(p + "mlp.shared_expert_gate.weight", f32, [1, h]));
            }
        }
        specs.Add(new("model.norm.weight", f32, [h]));
        specs.Add(new("lm_head.weight", f32, [shape.Vocab, h]));
        return specs;
    }

    /// <summary>
    /// Writes <paramref name="folder"/>/model.safetensors and config.json: weights N(0, 0.02^2) from
    /// <paramref name="baseSeed"/>, norms 1; an expert adds N(0, noise^2) from its own seed.
    /// </summary>
    public static void Write(string folder, TinyMoeShape shape, ulong baseSeed, ulong? expertSeed = null, double noise = 0.01)
    {
        Directory.CreateDirectory(folder);
        var specs = TensorSpecs(shape);
        var baseRng = new Rng(baseSeed);
        var expertRng = expertSeed is ulong s ? new Rng(s) : null;
        using (var writer = CheckpointWriter.Create(folder, specs, CheckpointFiles.DefaultShardSize))
        {
            foreach (var spec in specs)
            {
                var values = new float[spec.Shape.Aggregate(1L, (a, b) => a * b)];
                bool isNorm = spec.Name.EndsWith("norm.weight", StringComparison.Ordinal);
                for (long k = 0; k < values.Length; k++)
                {
                    double v = isNorm ? 1.0 : 0.02 * baseRng.NextGaussian();
                    if (expertRng != null) v += noise * expertRng.NextGaussian();
                    values[k] = (float)v;
                }
                writer.Write(spec.Name, MemoryMarshal.AsBytes(values.AsSpan()));
            }
            writer.Commit();
        }
        File.WriteAllText(Path.Combine(folder, "config.json"), Config(shape).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    static JsonObject Config(TinyMoeShape shape)
    {
        bool mixtral = shape.Layout == MoeLayout.Mixtral;
        var config = new JsonObject
        {
            ["architectures"] = new JsonArray(mixtral ? "MixtralForCausalLM" : "Qwen2MoeForCausalLM"),
            ["model_type"] = mixtral ? "mixtral" : "qwen2_moe",
            ["hidden_size"] = shape.Hidden,
            ["num_hidden_layers"] = shape.Layers,
            ["num_attention_heads"] = 2,
            ["num_key_value_heads"] = 2,
            ["vocab_size"] = shape.Vocab,
            ["rms_norm_eps"] = 1e-5,
            ["max_position_embeddings"] = 64,
            ["torch_dtype"] = "float32",
            ["tie_word_embeddings"] = false,
            ["num_experts_per_tok"] = 2,
        };
        if (mixtral)
        {
            config["intermediate_size"] = shape.Intermediate;
            config["num_local_experts"] = shape.Experts;
        }
        else
        {
            config["num_experts"] = shape.Experts;
            config["moe_intermediate_size"] = shape.Intermediate;
            config["shared_expert_intermediate_size"] = shape.Intermediate;
            config["intermediate_size"] = shape.Intermediate;
        }
        return config;
    }
}
