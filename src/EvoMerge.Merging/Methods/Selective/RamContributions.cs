using EvoMerge.Models.Torch;
using static TorchSharp.torch;

namespace EvoMerge.Merging.Methods.Selective;

/// <summary>
/// What the RAM methods (Reinforced Agent Merging) compute from the task vectors d_i = x_i - b: which
/// entries each model changes (|d_i| > epsilon), how many models change each entry, and the changed
/// values with the rest zeroed. An entry changed by one model is "unique" to it, by several "shared".
/// Create it inside the caller's dispose scope, which owns these tensors.
/// </summary>
internal sealed class RamContributions
{
    /// <summary>[models, elements]: d_i where model i changes the entry, else 0.</summary>
    public Tensor Changed { get; }

    /// <summary>[models, elements] booleans: model i changes the entry.</summary>
    public Tensor Changes { get; }

    /// <summary>[1, elements] int64: how many models change the entry.</summary>
    public Tensor Counts { get; }

    /// <summary>[1, elements] booleans: exactly one model changes the entry.</summary>
    public Tensor Unique { get; }

    /// <summary>[1, elements] booleans: more than one model changes the entry.</summary>
    public Tensor Shared { get; }

    public RamContributions(Tensor stackedTaskVectors, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(stackedTaskVectors);
        using var held = new HeldScalars();
        Changes = stackedTaskVectors.abs().gt(held[epsilon]);
        Changed = stackedTaskVectors.mul(Changes);
        Counts = Changes.sum(0L, keepdim: true, type: ScalarType.Int64);
        Unique = Counts.eq(held[1]);
        Shared = Counts.gt(held[1]);
    }

    /// <summary>Per entry: the shared values averaged over the models that change it (each divided before summing, as mergekit).</summary>
    public Tensor SharedMeanTerms()
    {
        using var held = new HeldScalars();
        return Changed.mul(Shared).div_(Counts.clamp_min(held[1]));
    }
}
