using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Search.Optimizers;

/// <summary>
/// CMA-ES with margin (<c>cmawm</c>): full-covariance CMA-ES whose discrete genes, as the space's
/// <see cref="IGeneDomains"/> names them, keep a least probability (<c>margin</c>) of moving to a neighbouring
/// value, so binary slot indicators do not freeze. Continuous genes are searched as by <c>cmaes</c>.
/// </summary>
public sealed class CmaWithMarginDescriptor : OptimizerDescriptor
{
    public override string Name => CmaWithMargin.OptimizerName;

    public override OptimizerCapabilities Capabilities { get; } = new(MultiObjective: false, NeedsPerExampleScores: false, JournalsPerExampleScores: false, SteadyState: false);

    public override IReadOnlyList<string> Settings { get; } = [Population, Sigma0, Margin];

    public override IAskTellOptimizer Create(OptimizerSpec spec, OptimizerContext context)
    {
        int dimension = context.X0.Length;
        var domains = context.GeneDomains?.GeneDomains() ?? Enumerable.Repeat(GeneDomain.Continuous, dimension).ToList();
        if (domains.Count != dimension)
            throw new ArgumentException($"cmawm: the search space names {domains.Count} gene domains for {dimension} genes.");
        return new CmaWithMargin(new CmaWithMarginOptions
        {
            Cma = CmaEsDescriptor.Options(spec, context, CmaCovarianceMode.Full),
            Discrete = domains.Select(d => d.Values is { } values ? new DiscreteValues(values) : null).ToList(),
            Margin = spec.Margin,
        });
    }

    public override IAskTellOptimizer Restore(JsonObject state) => CmaWithMargin.Restore(state);
}
