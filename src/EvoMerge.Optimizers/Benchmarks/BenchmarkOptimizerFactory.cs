using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Restarts;

namespace EvoMerge.Optimizers.Benchmarks;

/// <summary>Builds the benchmarked optimizers by their CSV names.</summary>
public static class BenchmarkOptimizerFactory
{
    public static IReadOnlyList<string> Names { get; } = ["cmaes", "sep-cmaes", IpopCmaEs.OptimizerName, BipopCmaEs.OptimizerName];

    public static IAskTellOptimizer Create(string name, double[] x0, double sigma0, ulong seed, double? target, long? maxEvaluations)
    {
        CmaEsOptions Options(CmaCovarianceMode mode) => new()
        {
            X0 = x0,
            Sigma0 = sigma0,
            Mode = mode,
            Seed = seed,
            TargetValue = target,
            MaxEvaluations = maxEvaluations,
        };
        return name switch
        {
            "cmaes" => new CmaEs(Options(CmaCovarianceMode.Full)),
            "sep-cmaes" => new CmaEs(Options(CmaCovarianceMode.Separable)),
            IpopCmaEs.OptimizerName => new IpopCmaEs(new CmaRestartOptions { Base = Options(CmaCovarianceMode.Full) }),
            BipopCmaEs.OptimizerName => new BipopCmaEs(new CmaRestartOptions { Base = Options(CmaCovarianceMode.Full) }),
            _ => throw new ArgumentException($"Unknown optimizer '{name}' (known: {string.Join(", ", Names)})."),
        };
    }
}
