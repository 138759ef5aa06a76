using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Metrics;

/// <summary>
/// A per-example score of a model's output vector against the label, higher is better; the task's metric is
/// the mean over the examples.
/// </summary>
public interface IMetric
{
    /// <summary>Registry name, e.g. "accuracy".</summary>
    string Name { get; }

    /// <summary>Throws <see cref="ArgumentException"/> when outputs of this width cannot be scored against these labels.</summary>
    void CheckCompatible(int outputWidth, TaskData data);

    double Score(ReadOnlySpan<float> outputs, double label);
}
