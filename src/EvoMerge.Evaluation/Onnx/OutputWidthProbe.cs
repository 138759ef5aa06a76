using EvoMerge.Evaluation.Contracts;
using Microsoft.ML.OnnxRuntime;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>Runs one batch with the weights stored in the model, learning the output width (and that the model runs at all).</summary>
internal static class OutputWidthProbe
{
    public static int Run(InferenceSession session, OnnxModelSignature signature, (OrtValue Value, int FirstRow, int RowCount) batch, string evaluator)
    {
        using var runOptions = new RunOptions();
        try
        {
            using var outputs = session.Run(runOptions, [signature.InputName], [batch.Value], [signature.OutputName]);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 2 || shape[0] != batch.RowCount || shape[1] < 1)
            {
                throw new FatalEvaluationException(
                    $"{evaluator}: for {batch.RowCount} rows the model's output '{signature.OutputName}' has shape " +
                    $"[{string.Join(", ", shape)}], expected [{batch.RowCount}, outputs].");
            }

            return checked((int)shape[1]);
        }
        catch (OnnxRuntimeException e)
        {
            throw new FatalEvaluationException($"{evaluator}: the model does not run on the task data with its stored weights ({e.Message}).", e);
        }
    }
}
