namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>How a task vector is thinned before merging (mergekit's SparsificationMethod).</summary>
public enum SparsificationKind
{
    /// <summary>Keep every entry (task_arithmetic).</summary>
    None,
    /// <summary>Keep the floor(density * n) largest magnitudes (TIES).</summary>
    Magnitude,
    /// <summary>Keep each entry with probability density (DARE).</summary>
    Random,
    /// <summary>Drop the largest gamma fraction and the smallest entries down to density (Model Breadcrumbs).</summary>
    MagnitudeOutliers,
    /// <summary>Keep with a probability that grows with the entry's magnitude rank within its row (DELLA).</summary>
    RankMagnitudeSampling,
}
