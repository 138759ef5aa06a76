using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>Greedy continuations of token prompts in left-padded batches of similar lengths.</summary>
internal static class BatchedGeneration
{
    public static long[][] Generate(ICausalLm model, IReadOnlyList<long[]> prompts, BatchLimits limits, long padId, GenerationOptions options, CancellationToken ct)
    {
        var outputs = new long[prompts.Count][];
        var order = Enumerable.Range(0, prompts.Count).OrderByDescending(i => prompts[i].Length).ToArray();
        foreach (var batch in limits.Split(order, i => prompts[i].Length + options.MaxNewTokens))
        {
            ct.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var length = batch.Max(i => prompts[i].Length);
            var ids = new long[batch.Length * length];
            var mask = new long[batch.Length * length];
            Array.Fill(ids, padId);
            for (var row = 0; row < batch.Length; row++)
            {
                var prompt = prompts[batch[row]];
                var start = row * length + length - prompt.Length;
                prompt.CopyTo(ids, start);
                Array.Fill(mask, 1L, start, prompt.Length);
            }

            var generated = model.GenerateGreedy(tensor(ids, [batch.Length, length]), tensor(mask, [batch.Length, length]), options);
            for (var row = 0; row < batch.Length; row++)
            {
                outputs[batch[row]] = generated[row].Tokens;
            }
        }

        return outputs;
    }
}
