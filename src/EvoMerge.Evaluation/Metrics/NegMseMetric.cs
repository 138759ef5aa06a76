using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Metrics;

/// <summary>Minus the squared error of a single regression output against the label.</summary>
public sealed class NegMseMetric : IMetric
{
    public string Name => "neg_mse";

    public void CheckCompatible(int outputWidth, TaskData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (outputWidth != 1)
        {
            throw new ArgumentException($"metric '{Name}' scores one regression output per example; the model has {outputWidth} outputs.");
        }
    }

    public double Score(ReadOnlySpan<float> outputs, double label)
    {
        var error = outputs[0] - label;
        return -(error * error);
    }
}
