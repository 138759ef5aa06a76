using EvoMerge.Merging.Methods.Sparsification;

namespace EvoMerge.Merging.Methods.TaskArithmeticFamily;

/// <summary>One member of mergekit's generalized task arithmetic: how task vectors are thinned, whether signs are elected, and defaults.</summary>
public sealed record TaskArithmeticVariant(
    string Name,
    SparsificationKind Sparsification,
    bool SignConsensus,
    bool DefaultNormalize,
    bool DefaultRescale)
{
    public string Name { get; } = string.IsNullOrWhiteSpace(Name) ? throw new ArgumentException("A variant needs a name.", nameof(Name)) : Name;
}
