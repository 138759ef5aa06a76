using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Search.Optimizers;

/// <summary>CMA-ES with a full (<c>cmaes</c>) or diagonal (<c>sep-cmaes</c>) covariance, started at the genome's starting point.</summary>
public sealed class CmaEsDescriptor(string name, CmaCovarianceMode mode) : OptimizerDescriptor
{
    /// <summary>Step size in gene units when the config gives none: a fifth of a unit box.</summary>
    public const double DefaultSigma0 = 0.2;

    public override string Name => name;

    public override OptimizerCapabilities Capabilities { get; } = new(MultiObjective: false, NeedsPerExampleScores: false, JournalsPerExampleScores: false, SteadyState: false);

    public override IReadOnlyList<string> Settings { get; } = [Population, Sigma0];

    public override IAskTellOptimizer Create(OptimizerSpec spec, OptimizerContext context) => new CmaEs(Options(spec, context, mode));

    public override IAskTellOptimizer Restore(JsonObject state) => CmaEs.Restore(state);

    /// <summary>The CMA-ES options of a run (also the base of the restarting variants).</summary>
    internal static CmaEsOptions Options(OptimizerSpec spec, OptimizerContext context, CmaCovarianceMode mode) => new()
    {
        X0 = context.X0,
        Sigma0 = spec.Sigma0 ?? DefaultSigma0,
        PopulationSize = spec.Population,
        Bounds = context.KeepsInBounds ? context.Bounds : null,
        Mode = mode,
        Seed = context.Seed,
        TargetValue = context.TargetValue,
        MaxEvaluations = context.MaxEvaluations,
    };
}
