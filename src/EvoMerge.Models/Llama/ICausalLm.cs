using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>A causal language model that can score a padded batch and continue it greedily.</summary>
public interface ICausalLm
{
    /// <summary>The config of the model that provides embeddings, final norm and head.</summary>
    LlamaConfig Config { get; }

    ScalarType DType { get; }

    Device Device { get; }

    /// <summary>
    /// Float32 logits [B, T, V] for ids [B, T] (int64 or int32) and an optional attention mask [B, T]
    /// of 0/1 (padding left, right or anywhere; positions count the real tokens). Logits at padding
    /// slots are finite but meaningless. The caller disposes the result.
    /// </summary>
    Tensor Forward(Tensor inputIds, Tensor? attentionMask = null);

    /// <summary>Greedy continuation of every row (see <see cref="GenerationOptions"/>).</summary>
    IReadOnlyList<GeneratedSequence> GenerateGreedy(Tensor inputIds, Tensor? attentionMask, GenerationOptions options);
}
