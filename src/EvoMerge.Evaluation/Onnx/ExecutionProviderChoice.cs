namespace EvoMerge.Evaluation.Onnx;

/// <summary>Where ONNX Runtime runs the model.</summary>
public enum ExecutionProviderChoice
{
    /// <summary>The CPU provider only.</summary>
    Cpu,

    /// <summary>CUDA when this ONNX Runtime build and the machine support it, else CPU with a logged note.</summary>
    CudaIfAvailable,

    /// <summary>CUDA or nothing: without it the evaluator cannot be created.</summary>
    CudaRequired,
}
