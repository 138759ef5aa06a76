namespace EvoMerge.Experiments.M2N2Digits;

/// <summary>Where the pre-trained panel's two experts start from.</summary>
public enum ExpertInit
{
    /// <summary>One pair per run, its starting models drawn from the run seed (the project's convention).</summary>
    PerRunSeed,

    /// <summary>
    /// The reference's single pair for every run: its exact <c>PRNGKey(42)</c> starting models,
    /// trained here; only the search differs between runs, as in the reference.
    /// </summary>
    Reference,
}

/// <summary>Names of <see cref="ExpertInit"/> on the command line.</summary>
public static class ExpertInitNames
{
    public static ExpertInit Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "per-seed" or "per-run-seed" => ExpertInit.PerRunSeed,
        "reference" => ExpertInit.Reference,
        _ => throw new ArgumentException($"Unknown expert initialisation '{text}'; use per-seed or reference."),
    };
}
