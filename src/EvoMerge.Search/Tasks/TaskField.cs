namespace EvoMerge.Search.Tasks;

/// <summary>
/// One kind-specific field as the canonical config writes it: its key, its YAML text, and whether it comes
/// after <c>metrics</c> (the order config hashes of earlier runs were computed in).
/// </summary>
public sealed record TaskField(string Key, string Yaml, bool AfterMetrics = false);
