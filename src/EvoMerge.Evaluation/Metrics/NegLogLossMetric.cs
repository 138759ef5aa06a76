using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Metrics;

/// <summary>Log-likelihood of the label under softmax(logits), i.e. minus the cross-entropy (at most 0).</summary>
public sealed class NegLogLossMetric : IMetric
{
    public string Name => "neg_log_loss";

    public void CheckCompatible(int outputWidth, TaskData data) => ClassLabels.Check(Name, outputWidth, data);

    public double Score(ReadOnlySpan<float> outputs, double label)
    {
        // Subtracting the largest logit keeps exp() from overflowing.
        double max = outputs[0];
        for (var k = 1; k < outputs.Length; k++)
        {
            max = Math.Max(max, outputs[k]);
        }

        var sum = 0.0;
        foreach (var logit in outputs)
        {
            sum += Math.Exp(logit - max);
        }

        return outputs[(int)label] - max - Math.Log(sum);
    }
}
