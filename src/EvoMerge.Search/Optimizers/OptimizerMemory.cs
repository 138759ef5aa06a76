namespace EvoMerge.Search.Optimizers;

/// <summary>
/// A rough upper estimate of the memory an optimizer's state takes, checked before a run folder is created, so
/// an impossible population is a config problem rather than an OutOfMemoryException in a half-made run.
/// </summary>
internal static class OptimizerMemory
{
    // Per candidate: a handful of gene vectors (genotype, phenotype, sampling buffers, offspring, archive copy),
    // the per-example scores M2N2 keeps, and object overhead. Plus CMA-ES's n x n matrices (covariance, eigenbasis, scratch).
    const int VectorsPerCandidate = 8;
    const int MatricesPerRun = 4;
    const long CandidateOverhead = 256;

    public static long EstimateBytes(int population, long genes, long examples) =>
        checked(population * (VectorsPerCandidate * genes * sizeof(double) + examples * sizeof(double) + CandidateOverhead)
                + MatricesPerRun * genes * genes * sizeof(double));

    /// <summary>A problem naming optimizer.population when the state would not fit in half the memory available; null when it fits.</summary>
    public static string? Problem(OptimizerSpec spec, int genes, int examples, long availableBytes)
    {
        if (spec.Population is not int population) return null;
        long estimate;
        try { estimate = EstimateBytes(population, genes, examples); }
        catch (OverflowException) { estimate = long.MaxValue; }
        if (estimate <= availableBytes / 2) return null;
        long perCandidate = Math.Max(1, EstimateBytes(1, genes, examples) - EstimateBytes(0, genes, examples));
        long largest = Math.Max(2, (availableBytes / 2 - EstimateBytes(0, genes, examples)) / perCandidate);
        return $"optimizer.population: {population} candidates of {genes} genes need about {Gib(estimate)} for the optimizer's state, "
            + $"more than half of the {Gib(availableBytes)} available; use at most {Math.Min(largest, int.MaxValue)} (typical: 10 to 100).";
    }

    static string Gib(long bytes) => FormattableString.Invariant($"{bytes / (1024.0 * 1024 * 1024):0.#} GiB");
}
