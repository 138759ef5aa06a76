using Microsoft.ML.OnnxRuntime.Tensors;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>An overridable initializer of the ONNX model: name, element type and fixed shape.</summary>
internal sealed record InitializerSlot(string Name, TensorElementType ElementType, long[] Shape)
{
    public string Describe() => $"{DTypeMapping.Describe(ElementType)} [{string.Join(", ", Shape)}]";
}
