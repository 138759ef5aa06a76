using EvoMerge.Evaluation.Contracts;
using EvoMerge.Evaluation.Data;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>Checks one batch of model outputs: the expected size, and no NaN or infinity (a broken candidate).</summary>
internal static class FiniteOutputs
{
    /// <exception cref="EvaluationFailedException">The batch has the wrong size or a non-finite value; names the data row.</exception>
    public static void Check(ReadOnlySpan<float> outputs, int firstRow, int rowCount, int width, TaskData data, string evaluator)
    {
        if (outputs.Length != rowCount * width)
        {
            throw new EvaluationFailedException($"{evaluator}: the model returned {outputs.Length} values for {rowCount} rows of {width} outputs.");
        }

        for (var i = 0; i < outputs.Length; i++)
        {
            if (!float.IsFinite(outputs[i]))
            {
                throw new EvaluationFailedException(
                    $"{evaluator}: the model's output for row {data.SourceRows[firstRow + i / width]} of {data.Source} is not finite ({outputs[i]}).");
            }
        }
    }
}
