using TorchSharp;

namespace EvoMerge.Merging.Methods;

/// <summary>Everything a merge method sees for one output tensor.</summary>
public sealed class MergeInputs
{
    /// <summary>The tensor's name, used in error messages.</summary>
    public required string TensorName { get; init; }

    /// <summary>The listed models in config order; may include the base model (IsBase = true).</summary>
    public required IReadOnlyList<MethodInputModel> Models { get; init; }

    /// <summary>The base model's tensor when the config has <c>base_model</c>.</summary>
    public torch.Tensor? Base { get; init; }

    /// <summary>Resolved global parameters (defaults already applied by the caller from the method's specs).</summary>
    public required IReadOnlyDictionary<string, double> GlobalParameters { get; init; }

    /// <summary>
    /// Relative depth of the tensor's layer, as for gradients: i / (L - 1) for layer i of L (1 for a single
    /// layer), 0 for tensors outside the layers. Only depth-dependent methods (lines) read it.
    /// </summary>
    public double LayerPosition { get; init; }

    /// <summary>Seeded per tensor by the executor; every random draw of a method comes from it.</summary>
    public torch.Generator? Generator { get; init; }
}
