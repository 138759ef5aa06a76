using System.Text.Json.Nodes;
using EvoMerge.Optimizers.Cma;

namespace EvoMerge.Optimizers.Restarts;

/// <summary>
/// IPOP-CMA-ES (Auger and Hansen 2005): every restart multiplies the population size by
/// <see cref="CmaRestartOptions.PopulationIncrease"/> (2), keeping sigma0.
/// </summary>
public sealed class IpopCmaEs : RestartingCmaEs
{
    public const string OptimizerName = "ipop-cmaes";

    public IpopCmaEs(CmaRestartOptions options) : base(options) { }

    public override string Name => OptimizerName;

    protected override CmaEsOptions NextRunOptions(CmaEsOptions template) => template with
    {
        PopulationSize = (int)Math.Round(DefaultPopulationSize * Math.Pow(Options.PopulationIncrease, Runs)),
    };

    protected override void OnRunFinished(long runEvaluations) { }

    protected override JsonObject ExportPolicy() => new();

    protected override void RestorePolicy(JsonObject policy) { }

    public static IpopCmaEs Restore(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var ipop = new IpopCmaEs(ReadOptions(state, OptimizerName));
        ipop.RestoreFrom(state);
        return ipop;
    }
}
