namespace EvoMerge.Merging.Planning;

/// <summary>
/// How the planner gets the Fisher of models that have none: <see cref="Estimator"/> computes it into a folder
/// under <see cref="CacheFolder"/> (next to the merge output, never inside an input model folder), where a later
/// merge with the same model and data finds it again.
/// </summary>
public sealed record FisherEstimation(IFisherEstimator Estimator, string CacheFolder)
{
    /// <summary>Validate only, estimate nothing (another problem already stops the merge, so the work would be wasted).</summary>
    public bool CheckOnly { get; init; }

    /// <summary>
    /// Fisher folders already found for these models (a search resolves them once at its start): used as they are,
    /// without asking the estimator or computing the cache key again, so planning a trial costs no estimation.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Resolved { get; init; }
}
