using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.IO;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;
using static TorchSharp.torch;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>Writes a Hugging Face style model folder: config.json (model_type llama), model.safetensors (float32), vocab.json.</summary>
public static class ToyModelFolder
{
    public static void Write(string folder, LlamaConfig config, IReadOnlyDictionary<string, Tensor> weights, WordLevelTokenizer tokenizer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(tokenizer);
        Directory.CreateDirectory(folder);
        var expected = LlamaTensorNames.Expected(config);
        var specs = expected.Select(e => new TensorSpec(e.Name, SafeTensorDType.F32, e.Shape)).ToList();
        using (var writer = CheckpointWriter.Create(folder, specs, CheckpointFiles.DefaultShardSize))
        {
            foreach (var (name, _) in expected)
            {
                using var values = weights[name].detach().to(ScalarType.Float32, CPU).contiguous();
                writer.Write(name, values.bytes);
            }

            writer.Commit();
        }

        var json = ConfigJson(config).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(folder, LlamaConfigReader.FileName), json + "\n", fsync: true);
        tokenizer.Save(folder);
    }

    public static JsonObject ConfigJson(LlamaConfig config) => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["hidden_act"] = "silu",
        ["hidden_size"] = config.HiddenSize,
        ["intermediate_size"] = config.IntermediateSize,
        ["num_hidden_layers"] = config.NumHiddenLayers,
        ["num_attention_heads"] = config.NumAttentionHeads,
        ["num_key_value_heads"] = config.NumKeyValueHeads,
        ["vocab_size"] = config.VocabSize,
        ["rms_norm_eps"] = config.RmsNormEps,
        ["rope_theta"] = config.RopeTheta,
        ["max_position_embeddings"] = config.MaxPositionEmbeddings,
        ["tie_word_embeddings"] = config.TieWordEmbeddings,
        ["attention_bias"] = config.AttentionBias,
        ["mlp_bias"] = config.MlpBias,
        ["pad_token_id"] = 0,
        ["bos_token_id"] = 1,
        ["eos_token_id"] = 2,
        ["torch_dtype"] = "float32",
    };
}
