using System.Text.Json;
using System.Text.Json.Nodes;
using EvoMerge.Core.IO;
using EvoMerge.Merging.Samples;
using EvoMerge.Models.Tensors;
using EvoMerge.Models.Torch;
using EvoMerge.SafeTensors;
using EvoMerge.SafeTensors.Format;
using EvoMerge.SafeTensors.Writing;
using static TorchSharp.torch;

namespace EvoMerge.Experiments.Memory;

/// <summary>
/// Writes a Llama-shaped bf16 checkpoint of random weights (N(0, 0.02^2), norms 1) of any size, drawn with
/// TorchSharp so a billion parameters take seconds; an expert adds seeded N(0, noise^2) to the same base.
/// Each tensor is filled and written a block of rows at a time, so memory stays bounded however large the
/// tensor (a 600k-row embedding is 2.5 GB in bf16); the shard files are temporary until the last tensor is written.
/// </summary>
public static class RandomLlamaCheckpoint
{
    /// <summary>Float32 working bytes of one block of rows (the bf16 copy and the expert's draws add as much again).</summary>
    public const long DefaultBlockBytes = 64L << 20;

    const ulong BaseStream = 1;

    public static long Parameters(TinyLlamaShape shape, int keyValueHeads, int heads) =>
        Specs(shape, keyValueHeads, heads).Sum(s => s.Shape.Aggregate(1L, (a, b) => a * b));

    /// <summary>
    /// Writes <paramref name="folder"/>'s safetensors and config.json; <paramref name="maxBlockBytes"/> bounds one
    /// block's float32 values (one row at least) and does not change the bytes written.
    /// </summary>
    public static void Write(string folder, TinyLlamaShape shape, int heads, int keyValueHeads, ulong? expertSeed,
        double noise = 0.01, long maxBlockBytes = DefaultBlockBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBlockBytes);
        Directory.CreateDirectory(folder);
        var specs = Specs(shape, keyValueHeads, heads);
        using var baseDraws = new SeededNormalRuns(BaseStream);
        using var expertDraws = expertSeed is ulong seed ? new SeededNormalRuns(seed) : null;
        using var held = new HeldScalars();
        using (var writer = CheckpointWriter.Create(folder, specs, CheckpointFiles.DefaultShardSize))
        {
            for (int t = 0; t < specs.Count; t++)
            {
                var spec = specs[t];
                bool isNorm = spec.Name.EndsWith("norm.weight", StringComparison.Ordinal);
                long columns = spec.Shape[^1];
                long elements = spec.Shape.Aggregate(1L, (a, b) => a * b);
                long rows = elements / columns;
                long blockRows = BlockRows(columns, maxBlockBytes);
                for (long row = 0; row < rows; row += blockRows)
                {
                    using var scope = NewDisposeScope();
                    long start = row * columns;
                    long count = Math.Min(blockRows, rows - row) * columns;
                    var values = isNorm ? ones(count) : baseDraws.Draw(t, elements, start, count).mul_(held[0.02]);
                    if (expertDraws is not null) values.add_(expertDraws.Draw(t, elements, start, count), alpha: held[noise]);
                    var stored = values.to(ScalarType.BFloat16).contiguous();
                    TensorPieces.ForEach(stored, (offset, bytes) => writer.WritePart(spec.Name, start * 2 + offset, bytes));
                }
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
        AtomicFile.WriteAllText(Path.Combine(folder, "config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), fsync: false);
    }

    /// <summary>Rows of <paramref name="columns"/> float32 values in one block: as many as fit <paramref name="maxBlockBytes"/>, one at least.</summary>
    public static long BlockRows(long columns, long maxBlockBytes) => Math.Max(1, maxBlockBytes / (columns * sizeof(float)));

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
