using EvoMerge.Optimizers.Cma;
using EvoMerge.Search.Optimizers;

namespace EvoMerge.Experiments.OptimizerBenchmarks;

/// <summary>A benchmark problem's genes as a search space names them: continuous, or the allowed values of a discrete gene.</summary>
sealed class ProblemGeneDomains(IReadOnlyList<DiscreteValues?> discrete) : IGeneDomains
{
    public IReadOnlyList<GeneDomain> GeneDomains() =>
        [.. discrete.Select(d => d is null ? GeneDomain.Continuous : GeneDomain.Discrete([.. d.Values]))];
}
