namespace EvoMerge.Search.Spaces;

/// <summary>
/// A search space whose candidates may be merged by a method weighted by Fisher information (fisher). The Fisher of
/// each merged model is found or estimated once, before the first trial, and every trial reuses it.
/// </summary>
public interface IFisherWeighted
{
    /// <summary>Whether some candidate may use a Fisher-weighted method.</summary>
    bool UsesFisher { get; }

    /// <summary>
    /// Finds each merged model's Fisher information (its fisher/ folder, or one estimated earlier into
    /// <paramref name="cacheFolder"/>) and estimates the missing ones there from the config's fisher_data.
    /// Returns the models estimated now, with their folders (none when the cache already held them all).
    /// </summary>
    IReadOnlyList<(string Model, string Folder)> ResolveFisher(string cacheFolder, CancellationToken ct);
}
