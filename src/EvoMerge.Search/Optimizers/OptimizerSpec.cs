namespace EvoMerge.Search.Optimizers;

/// <summary>
/// The <c>optimizer:</c> section: the optimizer by its CSV name and the settings its descriptor accepts
/// (<see cref="OptimizerDescriptor.Settings"/>); null means that optimizer's default.
/// </summary>
public sealed record OptimizerSpec(string Name, int? Population, double? Sigma0, double? MutationSigma, double? Margin = null);
