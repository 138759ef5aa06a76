using TorchSharp;

namespace EvoMerge.Merging.Methods;

/// <summary>
/// One listed model's tensor for the tensor being merged, with its per-model parameters already
/// resolved for this tensor (slice/filter/gradient precedence applied; booleans as 0/1).
/// </summary>
public sealed record MethodInputModel(string ModelName, bool IsBase, torch.Tensor Tensor, IReadOnlyDictionary<string, double> Parameters)
{
    /// <summary>
    /// The model's diagonal Fisher information for this tensor (same shape), given to methods that
    /// weight by it (<see cref="IUsesFisherInformation"/>); null otherwise.
    /// </summary>
    public torch.Tensor? Fisher { get; init; }
}
