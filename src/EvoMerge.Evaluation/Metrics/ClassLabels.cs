using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Metrics;

/// <summary>Checks that labels are class indices for a classifier with a given number of outputs.</summary>
internal static class ClassLabels
{
    public static void Check(string metric, int outputWidth, TaskData data)
    {
        if (outputWidth < 2)
        {
            throw new ArgumentException($"metric '{metric}' needs a classifier with at least 2 outputs (logits); the model has {outputWidth}.");
        }

        var labels = data.Labels;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] != Math.Floor(labels[i]) || labels[i] < 0 || labels[i] >= outputWidth)
            {
                throw new ArgumentException(
                    $"{data.Source}: row {data.SourceRows[i]} has label {labels[i]}, but metric '{metric}' needs a class index 0-{outputWidth - 1}.");
            }
        }
    }
}
