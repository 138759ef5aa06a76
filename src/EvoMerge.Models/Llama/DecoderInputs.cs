using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>Checks a batch of token ids and its attention mask and moves them to the model's device.</summary>
static class DecoderInputs
{
    /// <summary>Returns ids (int64) and mask (bool) on the model's device; the mask defaults to all ones.</summary>
    public static (Tensor Ids, Tensor Mask) Check(LlamaModel head, Tensor inputIds, Tensor? attentionMask)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        if (inputIds.dim() != 2)
            throw new ArgumentException($"input ids must be [batch, length], got shape [{string.Join(", ", inputIds.shape)}].", nameof(inputIds));
        if (inputIds.dtype is not (ScalarType.Int64 or ScalarType.Int32))
            throw new ArgumentException($"input ids must be int64 or int32, got {inputIds.dtype}.", nameof(inputIds));
        if (inputIds.shape[0] == 0 || inputIds.shape[1] == 0)
            throw new ArgumentException("input ids are empty.", nameof(inputIds));
        var ids = inputIds.to(ScalarType.Int64, head.Device);
        long low = ids.min().item<long>(), high = ids.max().item<long>();
        if (low < 0 || high >= head.Config.VocabSize)
            throw new ArgumentException($"token ids must lie in [0, {head.Config.VocabSize}), got values in [{low}, {high}].", nameof(inputIds));
        if (attentionMask is null)
            return (ids, ones(ids.shape, ScalarType.Bool, head.Device));
        if (!attentionMask.shape.SequenceEqual(inputIds.shape))
            throw new ArgumentException(
                $"attention mask shape [{string.Join(", ", attentionMask.shape)}] differs from the ids' [{string.Join(", ", inputIds.shape)}].",
                nameof(attentionMask));
        using var held = new HeldScalars();
        var mask = attentionMask.to(head.Device);
        if (mask.ne(held[0]).logical_and(mask.ne(held[1])).any().item<bool>())
            throw new ArgumentException("attention mask values must be 0 or 1.", nameof(attentionMask));
        mask = mask.ne(held[0]);
        if (mask.any(1).logical_not().any().item<bool>())
            throw new ArgumentException("every row of the attention mask needs at least one token (a 1).", nameof(attentionMask));
        return (ids, mask);
    }
}
