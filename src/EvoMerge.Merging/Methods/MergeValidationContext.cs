namespace EvoMerge.Merging.Methods;

/// <summary>What a method's cross-parameter validation sees: the config's globals and its listed models.</summary>
public sealed record MergeValidationContext(
    IReadOnlyDictionary<string, double> GlobalParameters,
    IReadOnlyList<(string Model, bool IsBase, IReadOnlyDictionary<string, double> Parameters)> Models,
    bool HasBaseModel);
