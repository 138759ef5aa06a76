using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Metrics;

/// <summary>1 when the largest logit (the first, on ties) is the label's class, else 0.</summary>
public sealed class AccuracyMetric : IMetric
{
    public string Name => "accuracy";

    public void CheckCompatible(int outputWidth, TaskData data) => ClassLabels.Check(Name, outputWidth, data);

    public double Score(ReadOnlySpan<float> outputs, double label)
    {
        var best = 0;
        for (var k = 1; k < outputs.Length; k++)
        {
            if (outputs[k] > outputs[best])
            {
                best = k;
            }
        }

        return best == (int)label ? 1.0 : 0.0;
    }
}
