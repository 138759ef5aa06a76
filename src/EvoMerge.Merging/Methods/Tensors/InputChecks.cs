using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Tensors;

/// <summary>Checks shared by the methods: where the base tensor comes from, and that inputs line up.</summary>
public static class InputChecks
{
    /// <summary>The base tensor: <see cref="MergeInputs.Base"/>, else the listed model marked IsBase.</summary>
    public static Tensor RequireBase(MergeInputs inputs, string methodName)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var listed = inputs.Models.FirstOrDefault(m => m.IsBase);
        return inputs.Base ?? listed?.Tensor
            ?? throw new ArgumentException($"tensor '{inputs.TensorName}': merge method '{methodName}' needs a base_model");
    }

    /// <summary>Throws unless every tensor has the reference's shape, dtype and device (message names tensor and models).</summary>
    public static void RequireSameLayout(string tensorName, string methodName, (string Model, Tensor Tensor) reference,
        IEnumerable<(string Model, Tensor Tensor)> others)
    {
        var (refName, refTensor) = reference;
        if (!refTensor.is_floating_point())
            throw new ArgumentException($"tensor '{tensorName}': model '{refName}' has dtype {refTensor.dtype}; merging needs floating-point tensors");
        foreach (var (name, t) in others)
        {
            if (!t.shape.SequenceEqual(refTensor.shape))
                throw new ArgumentException(
                    $"tensor '{tensorName}': model '{name}' has shape {Shape(t)} but model '{refName}' has {Shape(refTensor)}; " +
                    $"merge method '{methodName}' needs equal shapes (embeddings of different vocabulary sizes must be cut to a common size first)");
            if (t.dtype != refTensor.dtype)
                throw new ArgumentException($"tensor '{tensorName}': model '{name}' has dtype {t.dtype} but model '{refName}' has {refTensor.dtype}");
            if (t.device.ToString() != refTensor.device.ToString())
                throw new ArgumentException($"tensor '{tensorName}': model '{name}' is on {t.device} but model '{refName}' is on {refTensor.device}");
        }
    }

    static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}
