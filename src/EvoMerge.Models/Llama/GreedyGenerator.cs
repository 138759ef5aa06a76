using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Models.Llama;

/// <summary>
/// Greedy decoding over a path of hops. New tokens are appended after the last column whatever the
/// padding; the mask keeps padding invisible and positions count real tokens, so left and right
/// padding both continue each row from its own last token.
/// </summary>
static class GreedyGenerator
{
    public static IReadOnlyList<GeneratedSequence> Generate(LlamaModel head, IReadOnlyList<DecoderHop> hops, Tensor inputIds, Tensor? attentionMask, GenerationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (ids, mask) = DecoderInputs.Check(head, inputIds, attentionMask);
        int batch = (int)ids.shape[0], promptLength = (int)ids.shape[1];
        var config = head.Config;
        using var cache = options.UseKvCache
            ? new KvCache(hops.Count, batch, config.NumKeyValueHeads, promptLength + options.MaxNewTokens, config.HeadDim, head.DType, head.Device)
            : null;

        // The prompt's next token is read at each row's last real slot.
        using var held = new HeldScalars();
        var lastSlot = (arange(held[0], held[promptLength], held[1], device: head.Device).unsqueeze(0) * mask.to_type(ScalarType.Int64)).argmax(1);
        var hidden = DecoderExecutor.HiddenStates(head, hops, ids, mask, cache, 0);
        var lastHidden = hidden.gather(1, lastSlot.view(batch, 1, 1).expand(batch, 1, config.HiddenSize));
        var next = DecoderExecutor.Logits(head, lastHidden).argmax(-1).view(batch, 1);

        var stops = options.StopTokenIds.ToHashSet();
        var outputs = Enumerable.Range(0, batch).Select(_ => new List<long>()).ToArray();
        var stopped = new bool[batch];
        var allIds = ids;
        var allMask = mask;
        for (int step = 0; ; step++)
        {
            using var stepScope = NewDisposeScope();
            var tokens = next.cpu().data<long>().ToArray();
            for (int row = 0; row < batch; row++)
            {
                if (stopped[row])
                    continue;
                if (stops.Contains(tokens[row]))
                    stopped[row] = true;
                else
                    outputs[row].Add(tokens[row]);
            }

            if (step + 1 == options.MaxNewTokens || stopped.All(s => s))
                break;
            var newMask = ones(batch, 1, ScalarType.Bool, head.Device);
            allMask = cat([allMask, newMask], 1).MoveToOuterDisposeScope();
            Tensor stepHidden;
            if (cache is not null)
            {
                stepHidden = DecoderExecutor.HiddenStates(head, hops, next, allMask, cache, promptLength + step);
            }
            else
            {
                allIds = cat([allIds, next], 1).MoveToOuterDisposeScope();
                stepHidden = DecoderExecutor.HiddenStates(head, hops, allIds, allMask, null, 0).narrow(1, allIds.shape[1] - 1, 1);
            }

            next = DecoderExecutor.Logits(head, stepHidden).argmax(-1).view(batch, 1).MoveToOuterDisposeScope();
        }

        return outputs.Select((tokens, row) => new GeneratedSequence(tokens.ToArray(), stopped[row])).ToList();
    }
}
