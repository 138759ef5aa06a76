using EvoMerge.Core.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoMerge.Experiments.EvoLlmToy;

/// <summary>
/// Next-token cross-entropy training of a <see cref="TrainableLlama"/> with AdamW. Batches are drawn by walking
/// through the sequences in an order the <see cref="Rng"/> shuffles anew each pass, so a seed fixes the run.
/// </summary>
public static class LmTrainer
{
    const long Ignored = -100;

    /// <summary>Trains in place; returns the mean loss of each step's batch, before its update.</summary>
    public static double[] Train(TrainableLlama model, IReadOnlyList<LmSequence> sequences, LmTrainingOptions options, Rng rng, IProgress<string>? log = null, string label = "training")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        options.Validate();
        if (sequences.Count == 0) throw new ArgumentException("no training sequences.", nameof(sequences));
        using var optimizer = optim.AdamW(model.Parameters.Values, options.LearningRate, weight_decay: options.WeightDecay);
        var order = new List<int>();
        var losses = new double[options.Steps];
        for (int step = 0; step < options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var batch = NextBatch(sequences, options.BatchSize, order, rng);
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate = options.LearningRateAt(step);
            optimizer.zero_grad();
            var loss = Loss(model, batch);
            losses[step] = loss.item<float>();
            loss.backward();
            optimizer.step();
            if (log is not null && ((step + 1) % 200 == 0 || step + 1 == options.Steps))
                log.Report($"{label}: step {step + 1}/{options.Steps}, loss {losses[step]:F4}");
        }

        return losses;
    }

    /// <summary>Mean cross-entropy over the scored tokens of the batch.</summary>
    public static Tensor Loss(TrainableLlama model, IReadOnlyList<LmSequence> batch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        int length = batch.Max(s => s.Tokens.Count) - 1;
        var inputs = new long[batch.Count * length];
        var targets = new long[batch.Count * length];
        for (int row = 0; row < batch.Count; row++)
        {
            var sequence = batch[row];
            for (int slot = 0; slot < length; slot++)
            {
                bool real = slot < sequence.Tokens.Count - 1;
                inputs[row * length + slot] = real ? sequence.Tokens[slot] : 0;
                targets[row * length + slot] = real && sequence.Scored[slot] ? sequence.Tokens[slot + 1] : Ignored;
            }
        }

        if (targets.All(t => t == Ignored)) throw new ArgumentException("the batch has no scored token.", nameof(batch));
        var logits = model.Forward(tensor(inputs, [batch.Count, length]));
        var loss = nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), tensor(targets), ignore_index: Ignored);
        return loss.MoveToOuterDisposeScope();
    }

    static List<LmSequence> NextBatch(IReadOnlyList<LmSequence> sequences, int size, List<int> order, Rng rng)
    {
        var batch = new List<LmSequence>(size);
        while (batch.Count < size)
        {
            if (order.Count == 0) Shuffle(sequences.Count, order, rng);
            batch.Add(sequences[order[^1]]);
            order.RemoveAt(order.Count - 1);
        }

        return batch;
    }

    static void Shuffle(int count, List<int> order, Rng rng)
    {
        order.AddRange(Enumerable.Range(0, count));
        for (int i = count - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
