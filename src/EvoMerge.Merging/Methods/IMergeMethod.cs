using TorchSharp;

namespace EvoMerge.Merging.Methods;

/// <summary>A mergekit-compatible merge method that combines one tensor at a time.</summary>
public interface IMergeMethod
{
    /// <summary>The mergekit name, e.g. "dare_ties".</summary>
    string Name { get; }

    /// <summary>Parameters given once per config (or per slice/filter), e.g. normalize, lambda, t.</summary>
    IReadOnlyList<ParameterSpec> GlobalParameters { get; }

    /// <summary>Parameters given per model, e.g. weight, density, gamma, epsilon.</summary>
    IReadOnlyList<ParameterSpec> ModelParameters { get; }

    BaseModelUse BaseModel { get; }

    /// <summary>How many models must be listed (counting the base when it is listed); null = any.</summary>
    int? RequiredModelCount { get; }

    /// <summary>
    /// Merges one tensor. Returns a new tensor in the inputs' dtype (the caller converted the inputs to
    /// the compute dtype and converts the result to out_dtype). Inputs are never modified.
    /// </summary>
    torch.Tensor Merge(MergeInputs inputs);

    /// <summary>Cross-parameter checks; returns human messages (empty when the config is valid).</summary>
    IReadOnlyList<string> Validate(MergeValidationContext context) => Array.Empty<string>();
}
