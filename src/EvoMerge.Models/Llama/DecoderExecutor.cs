using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// Runs embeddings, a sequence of hops and the head of a <see cref="LlamaModel"/>. The plain model is
/// the identity path with scale 1; layer paths list other hops. Shared by forward and generation.
/// </summary>
static class DecoderExecutor
{
    /// <summary>Float32 logits [B, T, V] for a batch without a cache.</summary>
    public static Tensor Forward(LlamaModel head, IReadOnlyList<DecoderHop> hops, Tensor inputIds, Tensor? attentionMask)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (ids, mask) = DecoderInputs.Check(head, inputIds, attentionMask);
        var hidden = HiddenStates(head, hops, ids, mask, cache: null, cacheStart: 0);
        return Logits(head, hidden).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Hidden states before the final norm [B, n, H] for n new slots. <paramref name="fullMask"/> [B, cacheStart + n]
    /// (bool) covers the cached slots and the new ones; positions count the real tokens before each slot.
    /// </summary>
    public static Tensor HiddenStates(LlamaModel head, IReadOnlyList<DecoderHop> hops, Tensor ids, Tensor fullMask, KvCache? cache, int cacheStart)
    {
        using var scope = NewDisposeScope();
        long length = ids.shape[1];
        var positions = (fullMask.to_type(ScalarType.Int64).cumsum(1) - 1).clamp_min(0).narrow(1, cacheStart, length);
        var (cos, sin) = head.Rotary.Tables(positions, head.DType);
        var inputs = new AttentionInputs(cos, sin, AdditiveMask(head, fullMask, cacheStart, length), cacheStart);
        var x = head.Embedding.index_select(0, ids.flatten()).view(ids.shape[0], length, head.Config.HiddenSize);
        for (int hop = 0; hop < hops.Count; hop++)
        {
            // Multiplying by exactly 1 is skipped so the identity path is bit-for-bit the plain model.
            if (hops[hop].InputScale != 1f)
                x = x * hops[hop].InputScale;
            x = hops[hop].Layer.Forward(x, inputs, cache, hop);
        }

        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Final norm and LM head, returned as float32.</summary>
    public static Tensor Logits(LlamaModel head, Tensor hidden)
    {
        using var scope = NewDisposeScope();
        var normed = RmsNorm.Apply(hidden, head.FinalNorm, head.Config.RmsNormEps);
        var logits = nn.functional.linear(normed, head.LmHead).to_type(ScalarType.Float32);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// [B, 1, n, cacheStart + n] additive mask: a new slot sees earlier and equal slots that hold tokens
    /// (and within the sliding window); a padding slot also sees itself, so its row is never empty.
    /// </summary>
    static Tensor AdditiveMask(LlamaModel head, Tensor fullMask, int cacheStart, long length)
    {
        using var scope = NewDisposeScope();
        long total = cacheStart + length;
        var querySlots = arange(cacheStart, total, dtype: ScalarType.Int64, device: fullMask.device).unsqueeze(1);
        var keySlots = arange(0, total, dtype: ScalarType.Int64, device: fullMask.device).unsqueeze(0);
        var allowed = keySlots.le(querySlots);
        if (head.Config.SlidingWindow is int window)
            allowed = allowed.logical_and((querySlots - keySlots).lt(window));
        var keyHoldsToken = fullMask.unsqueeze(1).unsqueeze(1).logical_or(keySlots.eq(querySlots));
        allowed = allowed.logical_and(keyHoldsToken);
        var mask = zeros(allowed.shape, head.DType, fullMask.device)
            .masked_fill(allowed.logical_not(), MinValue(head.DType));
        return mask.MoveToOuterDisposeScope();
    }

    // The most negative finite value: softmax then gives exactly 0 to masked keys without producing NaN.
    static double MinValue(ScalarType dtype) => dtype == ScalarType.BFloat16 ? -3.3895313892515355e38 : float.MinValue;
}
