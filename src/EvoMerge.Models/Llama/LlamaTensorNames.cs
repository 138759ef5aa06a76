namespace EvoMerge.Models.Llama;

/// <summary>Hugging Face tensor names of a causal LM of any supported family, with the shape each must have.</summary>
public static class LlamaTensorNames
{
    public const string Embedding = "model.embed_tokens.weight";
    public const string FinalNorm = "model.norm.weight";
    public const string LmHead = "lm_head.weight";

    public static string Layer(int layer, string suffix) => $"model.layers.{layer}.{suffix}";

    /// <summary>Every tensor the config calls for, in checkpoint order, with its expected shape.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> Expected(LlamaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long hidden = config.HiddenSize, inner = config.IntermediateSize, vocab = config.VocabSize;
        long queryWidth = (long)config.NumAttentionHeads * config.HeadDim;
        long keyValueWidth = (long)config.NumKeyValueHeads * config.HeadDim;
        var expected = new List<(string, long[])> { (Embedding, [vocab, hidden]) };
        for (int layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            foreach (var (suffix, shape) in LayerTensors(config, hidden, inner, queryWidth, keyValueWidth))
                expected.Add((Layer(layer, suffix), shape));
        }

        expected.Add((FinalNorm, [hidden]));
        if (!config.TieWordEmbeddings)
            expected.Add((LmHead, [vocab, hidden]));
        return expected;
    }

    static IEnumerable<(string Suffix, long[] Shape)> LayerTensors(LlamaConfig config, long hidden, long inner, long queryWidth, long keyValueWidth)
    {
        yield return ("input_layernorm.weight", [hidden]);
        if (config.FusedProjections)
        {
            yield return ("self_attn.qkv_proj.weight", [queryWidth + 2 * keyValueWidth, hidden]);
        }
        else
        {
            yield return ("self_attn.q_proj.weight", [queryWidth, hidden]);
            yield return ("self_attn.k_proj.weight", [keyValueWidth, hidden]);
            yield return ("self_attn.v_proj.weight", [keyValueWidth, hidden]);
        }

        yield return ("self_attn.o_proj.weight", [hidden, queryWidth]);
        if (config.QkvBias)
        {
            yield return ("self_attn.q_proj.bias", [queryWidth]);
            yield return ("self_attn.k_proj.bias", [keyValueWidth]);
            yield return ("self_attn.v_proj.bias", [keyValueWidth]);
        }

        if (config.OutputBias)
            yield return ("self_attn.o_proj.bias", [hidden]);
        if (config.QueryKeyNorm)
        {
            yield return ("self_attn.q_norm.weight", [config.HeadDim]);
            yield return ("self_attn.k_norm.weight", [config.HeadDim]);
        }

        yield return ("post_attention_layernorm.weight", [hidden]);
        if (config.SandwichNorms)
        {
            yield return ("pre_feedforward_layernorm.weight", [hidden]);
            yield return ("post_feedforward_layernorm.weight", [hidden]);
        }

        if (config.FusedProjections)
        {
            yield return ("mlp.gate_up_proj.weight", [2 * inner, hidden]);
        }
        else
        {
            yield return ("mlp.gate_proj.weight", [inner, hidden]);
            yield return ("mlp.up_proj.weight", [inner, hidden]);
        }

        yield return ("mlp.down_proj.weight", [hidden, inner]);
        if (config.MlpBias)
        {
            yield return ("mlp.gate_proj.bias", [inner]);
            yield return ("mlp.up_proj.bias", [inner]);
            yield return ("mlp.down_proj.bias", [hidden]);
        }
    }
}
