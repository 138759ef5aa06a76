using EvoMerge.Models.Llama;
using static TorchSharp.torch;

namespace EvoMerge.Evaluation.Builtin.Language;

/// <summary>
/// Summed log-probabilities of each request's continuation tokens, computed in right-padded batches of similar
/// lengths (padding is masked, so the batching does not change the values beyond float rounding).
/// </summary>
internal static class LogLikelihoods
{
    public static double[] Compute(ICausalLm model, IReadOnlyList<ScoringRequest> requests, BatchLimits limits, long padId, CancellationToken ct)
    {
        var sums = new double[requests.Count];
        var order = Enumerable.Range(0, requests.Count).OrderByDescending(i => requests[i].Ids.Length).ToArray();
        using var noGrad = no_grad();
        foreach (var batch in limits.Split(order, i => requests[i].Ids.Length))
        {
            ct.ThrowIfCancellationRequested();
            ComputeBatch(model, requests, batch, padId, sums);
        }

        return sums;
    }

    private static void ComputeBatch(ICausalLm model, IReadOnlyList<ScoringRequest> requests, int[] batch, long padId, double[] sums)
    {
        using var scope = NewDisposeScope();
        var length = batch.Max(i => requests[i].Ids.Length);
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        Array.Fill(ids, padId);
        for (var row = 0; row < batch.Length; row++)
        {
            var sequence = requests[batch[row]].Ids;
            sequence.CopyTo(ids, row * length);
            Array.Fill(mask, 1L, row * length, sequence.Length);
        }

        var idTensor = tensor(ids, [batch.Length, length]);
        var logits = model.Forward(idTensor, tensor(mask, [batch.Length, length]));
        // Token t + 1 is predicted at slot t: log p = logit[target] - logsumexp(logits), without a second [B, T, V] tensor.
        var predicting = logits.narrow(1, 0, length - 1);
        var targets = idTensor.narrow(1, 1, length - 1).to(predicting.device).unsqueeze(-1);
        var logProbs = (predicting.gather(-1, targets).squeeze(-1) - predicting.logsumexp(-1)).cpu();
        var values = logProbs.data<float>().ToArray();
        for (var row = 0; row < batch.Length; row++)
        {
            var request = requests[batch[row]];
            var sum = 0.0;
            for (var slot = request.ContinuationStart - 1; slot < request.Ids.Length - 1; slot++)
            {
                sum += values[row * (length - 1) + slot];
            }

            sums[batch[row]] = sum;
        }
    }
}
