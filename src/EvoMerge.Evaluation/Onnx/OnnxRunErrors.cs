using EvoMerge.Evaluation.Contracts;
using Microsoft.ML.OnnxRuntime;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>Sorts ONNX Runtime errors during <c>Run</c> into per-candidate failures and fatal (device) errors.</summary>
internal static class OnnxRunErrors
{
    public static Exception Classify(string evaluator, string provider, OnnxRuntimeException error)
    {
        // An execution-provider failure (lost or out-of-order GPU) will repeat for every later candidate.
        var deviceLost = error.Message.Contains("EPFail", StringComparison.Ordinal)
                         || (provider == "CUDA" && error.Message.Contains("CUDA", StringComparison.OrdinalIgnoreCase));
        return deviceLost
            ? new FatalEvaluationException($"{evaluator}: the {provider} execution provider failed ({error.Message}).", error)
            : new EvaluationFailedException($"{evaluator}: ONNX Runtime failed to run the model ({error.Message}).", error);
    }
}
