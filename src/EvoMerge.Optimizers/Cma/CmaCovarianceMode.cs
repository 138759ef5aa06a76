namespace EvoMerge.Optimizers.Cma;

/// <summary>Which covariance model <see cref="CmaEs"/> adapts.</summary>
public enum CmaCovarianceMode
{
    /// <summary>Full n x n covariance (Hansen's standard CMA-ES).</summary>
    Full,

    /// <summary>Diagonal covariance, learning rates scaled by (n + 2) / 3 (sep-CMA-ES, Ros and Hansen 2008).</summary>
    Separable,

    /// <summary>
    /// Full up to <see cref="CmaEsOptions.AutoSeparableAboveDimension"/> genes, separable above: beyond that the
    /// full matrix needs O(n^2) memory and state, O(n^3) decompositions, and about n^2 / mu_eff generations
    /// before it has learned anything a diagonal could not (reference §4: "thousands and up").
    /// </summary>
    Auto,
}
