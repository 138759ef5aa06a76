using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Tests.Language;

/// <summary>
/// A stand-in model whose greedy output for each prompt is scripted (by the prompt's decoded text); it records the
/// padded batches it is given so tests can check the padding.
/// </summary>
internal sealed class ScriptedLm(IReadOnlyDictionary<string, string> outputs, int? vocabularySize = null) : ICausalLm
{
    public List<(long[,] Ids, long[,] Mask)> Batches { get; } = [];

    public List<GenerationOptions> Options { get; } = [];

    public LlamaConfig Config => vocabularySize is { } v ? TinyLm.Config() with { VocabSize = v } : TinyLm.Config();

    public ScalarType DType => ScalarType.Float32;

    public Device Device => CPU;

    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null) => throw new InvalidOperationException("a scripted model only generates.");

    public IReadOnlyList<GeneratedSequence> GenerateGreedy(Tensor inputIds, Tensor? attentionMask, GenerationOptions options)
    {
        int rows = (int)inputIds.shape[0], length = (int)inputIds.shape[1];
        var ids = new long[rows, length];
        var mask = new long[rows, length];
        var idValues = inputIds.data<long>().ToArray();
        var maskValues = attentionMask!.data<long>().ToArray();
        var sequences = new List<GeneratedSequence>();
        for (var row = 0; row < rows; row++)
        {
            var real = new List<int>();
            for (var t = 0; t < length; t++)
            {
                ids[row, t] = idValues[row * length + t];
                mask[row, t] = maskValues[row * length + t];
                if (mask[row, t] == 1)
                {
                    real.Add((int)ids[row, t]);
                }
            }

            var tokens = TinyLm.Tokenizer.Encode(outputs[TinyLm.Tokenizer.Decode(real)]).Select(t => (long)t).Take(options.MaxNewTokens).ToArray();
            sequences.Add(new GeneratedSequence(tokens, false));
        }

        Batches.Add((ids, mask));
        Options.Add(options);
        return sequences;
    }
}
