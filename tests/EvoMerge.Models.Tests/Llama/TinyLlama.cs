using EvoMerge.Models.Llama;
using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Tests.Llama;

/// <summary>Random weights for small configs, built in memory (no files).</summary>
static class TinyLlama
{
    public static LlamaConfig Config(int layers = 3, int keyValueHeads = 2, bool tied = false) => new()
    {
        HiddenSize = 16,
        IntermediateSize = 24,
        NumHiddenLayers = layers,
        NumAttentionHeads = 4,
        NumKeyValueHeads = keyValueHeads,
        VocabSize = 29,
        RmsNormEps = 1e-5,
        RopeTheta = 10000,
        TieWordEmbeddings = tied,
    };

    /// <summary>Tensors named as in a checkpoint; the caller owns (disposes) them.</summary>
    public static Dictionary<string, Tensor> RandomTensors(LlamaConfig config, long seed)
    {
        using var held = new HeldScalars();
        var generator = new Generator((ulong)seed);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, shape) in LlamaTensorNames.Expected(config))
        {
            double scale = name.EndsWith("norm.weight", StringComparison.Ordinal) ? 0.2
                : name == LlamaTensorNames.Embedding ? 1.0
                : 1.0 / Math.Sqrt(shape[^1]);
            var noise = randn(shape, generator: generator).mul(held[scale]);
            if (name.EndsWith("norm.weight", StringComparison.Ordinal))
            {
                tensors[name] = noise.add(held[1], held[1]);
                noise.Dispose();
            }
            else
            {
                tensors[name] = noise;
            }
        }

        return tensors;
    }

    public static void DisposeAll(Dictionary<string, Tensor> tensors)
    {
        foreach (var tensor in tensors.Values)
            tensor.Dispose();
    }
}
