namespace EvoMerge.Merging.Methods.Sparsification;

/// <summary>How kept entries are scaled up after sparsification.</summary>
public enum RescaleMode
{
    /// <summary>No rescale (mergekit's rescale: false).</summary>
    None,
    /// <summary>Match the L1 norm of the unsparsified task vector (mergekit's rescale: true).</summary>
    L1Norm,
    /// <summary>Divide by the density, as in the DARE paper (parameter dare_rescale_inverse_density).</summary>
    InverseDensity,
}
