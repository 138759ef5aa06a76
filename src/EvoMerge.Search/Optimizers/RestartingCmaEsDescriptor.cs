using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Restarts;

namespace EvoMerge.Search.Optimizers;

/// <summary>CMA-ES restarted with growing (<c>ipop-cmaes</c>) or alternating (<c>bipop-cmaes</c>) populations.</summary>
public sealed class RestartingCmaEsDescriptor : OptimizerDescriptor
{
    readonly bool _bipop;

    RestartingCmaEsDescriptor(bool bipop) => _bipop = bipop;

    public static RestartingCmaEsDescriptor Ipop { get; } = new(bipop: false);

    public static RestartingCmaEsDescriptor Bipop { get; } = new(bipop: true);

    public override string Name => _bipop ? BipopCmaEs.OptimizerName : IpopCmaEs.OptimizerName;

    public override OptimizerCapabilities Capabilities { get; } = new(MultiObjective: false, NeedsPerExampleScores: false, JournalsPerExampleScores: false, SteadyState: false);

    public override IReadOnlyList<string> Settings { get; } = [Population, Sigma0];

    public override IAskTellOptimizer Create(OptimizerSpec spec, OptimizerContext context)
    {
        var options = new CmaRestartOptions { Base = CmaEsDescriptor.Options(spec, context, CmaCovarianceMode.Full) };
        return _bipop ? new BipopCmaEs(options) : new IpopCmaEs(options);
    }

    public override IAskTellOptimizer Restore(JsonObject state) => _bipop ? BipopCmaEs.Restore(state) : IpopCmaEs.Restore(state);
}
