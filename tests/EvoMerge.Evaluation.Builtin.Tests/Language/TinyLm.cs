using EvoMerge.Evaluation.Builtin.Language;
using EvoMerge.Evaluation.Contracts;
using EvoMerge.Models.Llama;
using EvoMerge.Models.Tokenizers;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

/// <summary>A word-level vocabulary, a tiny Llama config over it, seeded random weights and hand-checkable helpers.</summary>
internal static class TinyLm
{
    public static readonly WordLevelTokenizer Tokenizer = WordLevelTokenizer.Build([
        "Q: A: what is one plus two three four five six seven the cat sat on a mat dog ran far away",
        "1 2 3 12 1,234 answer = . ? red blue green",
    ]);

    public static LlamaConfig Config(bool tied = false) => new()
    {
        HiddenSize = 16,
        IntermediateSize = 24,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        VocabSize = Tokenizer.VocabularySize,
        RmsNormEps = 1e-5,
        TieWordEmbeddings = tied,
    };

    /// <summary>Seeded random weights as a merged model (float32 arrays).</summary>
    public static MergedModel Merged(ulong seed, LlamaConfig? config = null)
    {
        var tensors = RandomLlamaWeights.Create(config ?? Config(), seed);
        try
        {
            return new MergedModel(tensors.Select(t => new KeyValuePair<string, MergedTensor>(
                t.Key, MergedTensor.FromFloat32(t.Value.data<float>().ToArray(), t.Value.shape))));
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    public static MergedLlama Build(ulong seed, LlamaConfig? config = null) => MergedLlama.Build(Merged(seed, config), config ?? Config());

    public static long[] Ids(string text, bool bos = true) =>
        (bos ? new long[] { Tokenizer.BosTokenId!.Value } : []).Concat(Tokenizer.Encode(text).Select(i => (long)i)).ToArray();

    /// <summary>
    /// Log-probabilities of every token after the first, each given the ones before, from one unpadded forward pass
    /// and an explicit log_softmax (independent of the scorer's batching and gather/logsumexp).
    /// </summary>
    public static double[] TokenLogProbs(ICausalLm model, long[] ids)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = model.Forward(tensor(ids, [1, ids.Length]));
        var logProbs = nn.functional.log_softmax(logits[0].to(ScalarType.Float64), -1);
        return Enumerable.Range(1, ids.Length - 1).Select(t => logProbs[t - 1, ids[t]].item<double>()).ToArray();
    }

    /// <summary>Summed log-probability of the tokens of <paramref name="continuation"/> after <paramref name="context"/> (BOS first).</summary>
    public static double ContinuationLogLikelihood(ICausalLm model, string context, string continuation)
    {
        var contextLength = Ids(context).Length;
        var all = TokenLogProbs(model, Ids(context + " " + continuation));
        return all.Skip(contextLength - 1).Sum();
    }

    public static LanguageTaskOptions Options(LanguageTaskKind kind, params LanguageExample[] examples) => new()
    {
        Name = "tiny-task",
        Kind = kind,
        Tokenizer = Tokenizer,
        Examples = examples,
    };
}
