using EvoMerge.Evaluation.Contracts;
using Microsoft.ML.OnnxRuntime;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>Opens an inference session with the chosen execution provider.</summary>
internal static class OnnxSessionFactory
{
    public static (InferenceSession Session, string Provider) Open(OnnxClassifierOptions options)
    {
        if (!File.Exists(options.ModelPath))
        {
            throw new FatalEvaluationException($"{options.ModelPath}: ONNX model file not found.");
        }

        using var sessionOptions = new SessionOptions
        {
            // Listing initializers as graph inputs (what makes them overridable) draws one warning per tensor.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            IntraOpNumThreads = options.IntraOpThreads,
        };
        var provider = AddProvider(sessionOptions, options);
        try
        {
            return (new InferenceSession(options.ModelPath, sessionOptions), provider);
        }
        catch (OnnxRuntimeException e)
        {
            throw new FatalEvaluationException($"{options.ModelPath}: ONNX Runtime cannot load the model ({e.Message}).", e);
        }
    }

    private static string AddProvider(SessionOptions sessionOptions, OnnxClassifierOptions options)
    {
        if (options.Provider == ExecutionProviderChoice.Cpu)
        {
            return "CPU";
        }

        try
        {
            sessionOptions.AppendExecutionProvider_CUDA(options.CudaDeviceId);
            return "CUDA";
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            if (options.Provider == ExecutionProviderChoice.CudaRequired)
            {
                throw new FatalEvaluationException(
                    $"{options.Name}: the CUDA execution provider is required but unavailable ({e.Message}). " +
                    "Reference Microsoft.ML.OnnxRuntime.Gpu and check the CUDA libraries, or choose the CPU provider.", e);
            }

            options.Log?.Invoke($"{options.Name}: CUDA execution provider unavailable ({e.Message.Trim()}); running on CPU.");
            return "CPU";
        }
    }
}
