using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// Random float32 weights for a config, named as in a checkpoint: projections N(0, 1/fan_in),
/// embeddings N(0, 1), norms the identity (1, or 0 for Gemma's (1 + w)). Seeded, so the same seed gives the same model. The caller owns the tensors.
/// </summary>
public static class RandomLlamaWeights
{
    public static Dictionary<string, Tensor> Create(LlamaConfig config, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        using var held = new HeldScalars();
        var generator = new Generator(seed);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, shape) in LlamaTensorNames.Expected(config))
        {
            Tensor tensor;
            if (name.EndsWith("norm.weight", StringComparison.Ordinal))
                tensor = config.NormAddsOne ? zeros(shape) : ones(shape); // identity norms either way
            else if (name.EndsWith(".bias", StringComparison.Ordinal))
                tensor = zeros(shape);
            else
            {
                double scale = name == LlamaTensorNames.Embedding ? 1.0 : 1.0 / Math.Sqrt(shape[^1]);
                tensor = randn(shape, generator: generator).mul_(held[scale]);
            }

            tensors[name] = tensor.DetachFromDisposeScope();
        }

        return tensors;
    }
}
