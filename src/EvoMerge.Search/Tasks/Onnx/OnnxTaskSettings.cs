namespace EvoMerge.Search.Tasks.Onnx;

/// <summary>An ONNX task's own field: the model file whose initializers are named like the merged tensors.</summary>
public sealed record OnnxTaskSettings(string Model);
