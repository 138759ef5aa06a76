using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Restarts;
using EvoMerge.Optimizers.Tests.Contract;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class BipopCmaEsContractTests : OptimizerContractTests
{
    protected override IAskTellOptimizer Create(int dimension, ulong seed) => new BipopCmaEs(new CmaRestartOptions
    {
        Base = new CmaEsOptions
        {
            X0 = new double[dimension],
            Sigma0 = 1,
            Bounds = Bounds.Uniform(dimension, -5, 5),
            Mode = CmaCovarianceMode.Full,
            Seed = seed,
        },
    });

    protected override IAskTellOptimizer Restore(JsonObject state) => BipopCmaEs.Restore(state);
}
