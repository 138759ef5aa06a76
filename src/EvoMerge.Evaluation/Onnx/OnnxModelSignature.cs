using EvoMerge.Evaluation.Contracts;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EvoMerge.Evaluation.Onnx;

/// <summary>The feature input and logits output of the model, checked against the task data.</summary>
internal sealed record OnnxModelSignature(string InputName, string OutputName)
{
    public static OnnxModelSignature Resolve(InferenceSession session, OnnxClassifierOptions options)
    {
        var path = options.ModelPath;
        var inputs = session.InputMetadata;
        var inputName = options.InputName ?? (inputs.Count == 1
            ? inputs.Keys.Single()
            : throw new FatalEvaluationException(
                $"{path}: the model has {inputs.Count} inputs ({string.Join(", ", inputs.Keys)}); set InputName to the feature input."));
        if (!inputs.TryGetValue(inputName, out var input))
        {
            throw new FatalEvaluationException($"{path}: no input '{inputName}'; the inputs are {string.Join(", ", inputs.Keys)}.");
        }

        var features = options.Data.FeatureCount;
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float || input.Dimensions.Length != 2
            || (input.Dimensions[1] >= 0 && input.Dimensions[1] != features))
        {
            throw new FatalEvaluationException(
                $"{path}: input '{inputName}' is {DTypeMapping.Describe(input.ElementDataType)} [{string.Join(", ", input.Dimensions)}]; " +
                $"the data ({options.Data.Source}) needs float32 [batch, {features}].");
        }

        var outputs = session.OutputMetadata;
        var outputName = options.OutputName ?? session.OutputNames[0];
        if (!outputs.TryGetValue(outputName, out var output))
        {
            throw new FatalEvaluationException($"{path}: no output '{outputName}'; the outputs are {string.Join(", ", outputs.Keys)}.");
        }

        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != 2)
        {
            throw new FatalEvaluationException(
                $"{path}: output '{outputName}' is {DTypeMapping.Describe(output.ElementDataType)} [{string.Join(", ", output.Dimensions)}]; " +
                "expected float32 [batch, outputs].");
        }

        return new OnnxModelSignature(inputName, outputName);
    }
}
