using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// Runs embeddings, a sequence of hops and the head of a <see cref="LlamaModel"/> (any family). The plain model is
/// the identity path with scale 1; layer paths list other hops. Shared by forward and generation.
/// </summary>
static class DecoderExecutor
{
    /// <summary>
    /// Float32 logits [B, T, V] for a batch without a cache. Scoring runs without an autograd graph; with
    /// <paramref name="trackGradients"/> the graph is kept, so gradients reach weights that require them.
    /// </summary>
    public static Tensor Forward(LlamaModel head, IReadOnlyList<DecoderHop> hops, Tensor inputIds, Tensor? attentionMask, bool trackGradients = false)
    {
        using var noGrad = trackGradients ? null : no_grad();
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
        using var held = new HeldScalars();
        long length = ids.shape[1];
        var positions = fullMask.to_type(ScalarType.Int64).cumsum(1).sub(held[1]).clamp_min(held[0]).narrow(1, cacheStart, length);
        var inputs = Inputs(head, hops, positions, fullMask, cacheStart, length);
        var x = head.Embedding.index_select(0, ids.flatten()).view(ids.shape[0], length, head.Config.HiddenSize);
        if (head.Config.ScaleEmbeddings)
        {
            // Gemma multiplies by sqrt(hidden) rounded to the model's dtype, as transformers does.
            using var normalizer = tensor(Math.Sqrt(head.Config.HiddenSize), head.DType, head.Device);
            x = x * normalizer;
        }

        for (int hop = 0; hop < hops.Count; hop++)
        {
            // Multiplying by exactly 1 is skipped so the identity path is bit-for-bit the plain model.
            if (hops[hop].InputScale != 1f)
                x = x.mul(held[hops[hop].InputScale]);
            x = hops[hop].Layer.Forward(x, inputs, cache, hop);
        }

        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Final norm and LM head, returned as float32.</summary>
    public static Tensor Logits(LlamaModel head, Tensor hidden)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        var normed = RmsNorm.Apply(hidden, head.FinalNorm, head.Config);
        var logits = nn.functional.linear(normed, head.LmHead).to_type(ScalarType.Float32);
        if (head.Config.FinalLogitSoftcap is double cap)
            logits = logits.div(held[cap]).tanh().mul(held[cap]);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Rotary tables and masks for every rope setting and window the hops' layers use.</summary>
    static AttentionInputs Inputs(LlamaModel head, IReadOnlyList<DecoderHop> hops, Tensor positions, Tensor fullMask, int cacheStart, long length)
    {
        var rotary = new Dictionary<RopeSettings, (Tensor, Tensor)>();
        var masks = new Dictionary<int, Tensor>();
        foreach (var layer in hops.Select(h => h.Layer))
        {
            var rope = layer.Config.LayerRope(layer.Index);
            if (!rotary.ContainsKey(rope))
                rotary[rope] = (rope == head.Rotary.Settings ? head.Rotary : new RotaryEmbedding(rope, head.Config.HeadDim)).Tables(positions, head.DType);
            int window = layer.Config.LayerWindow(layer.Index) ?? AttentionInputs.FullAttention;
            if (!masks.ContainsKey(window))
                masks[window] = AdditiveMask(head, fullMask, cacheStart, length, window);
        }

        return new AttentionInputs(rotary, masks, cacheStart);
    }

    /// <summary>
    /// [B, 1, n, cacheStart + n] additive mask: a new slot sees earlier and equal slots that hold tokens
    /// (and, for a window w > 0, fewer than w tokens back); a padding slot also sees itself, so its row is never empty.
    /// </summary>
    static Tensor AdditiveMask(LlamaModel head, Tensor fullMask, int cacheStart, long length, int window)
    {
        using var scope = NewDisposeScope();
        using var held = new HeldScalars();
        long total = cacheStart + length;
        var querySlots = arange(held[cacheStart], held[total], held[1], dtype: ScalarType.Int64, device: fullMask.device).unsqueeze(1);
        var keySlots = arange(held[0], held[total], held[1], dtype: ScalarType.Int64, device: fullMask.device).unsqueeze(0);
        var allowed = keySlots.le(querySlots);
        if (window != AttentionInputs.FullAttention)
        {
            // The window counts real tokens, not slots, so padding between a prompt and its continuation
            // (right padding) does not push tokens out of it: [B, n, total] over token positions.
            var positions = fullMask.to_type(ScalarType.Int64).cumsum(1);
            var distance = positions.narrow(1, cacheStart, length).unsqueeze(2) - positions.unsqueeze(1);
            allowed = allowed.logical_and(distance.lt(held[window])).unsqueeze(1);
        }

        var keyHoldsToken = fullMask.unsqueeze(1).unsqueeze(1).logical_or(keySlots.eq(querySlots));
        allowed = allowed.logical_and(keyHoldsToken);
        var mask = zeros(allowed.shape, head.DType, fullMask.device)
            .masked_fill(allowed.logical_not(), held[MinValue(head.DType)]);
        return mask.MoveToOuterDisposeScope();
    }

    // The most negative finite value: softmax then gives exactly 0 to masked keys without producing NaN.
    internal static double MinValue(ScalarType dtype) => dtype == ScalarType.BFloat16 ? -3.3895313892515355e38 : float.MinValue;
}
