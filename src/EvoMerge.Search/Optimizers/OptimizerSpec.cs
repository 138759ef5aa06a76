namespace EvoMerge.Search.Optimizers;

/// <summary>
/// The <c>optimizer:</c> section: the optimizer by its CSV name and the settings its descriptor accepts
/// (<see cref="OptimizerDescriptor.Settings"/>); null means that optimizer's default.
/// </summary>
public sealed record OptimizerSpec(string Name, int? Population, double? Sigma0, double? MutationSigma, double? Margin = null)
{
    /// <summary>Candidates asked at once by optimizers that take <c>batch_size</c> (M2N2; default 1): it decides the results, so it is part of the experiment.</summary>
    public int? BatchSize { get; init; }
}
