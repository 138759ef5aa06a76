using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Tests.Contract;

namespace EvoMerge.Optimizers.Tests.Cma;

public sealed class SepCmaEsContractTests : OptimizerContractTests
{
    protected override IAskTellOptimizer Create(int dimension, ulong seed) => new CmaEs(new CmaEsOptions
    {
        X0 = new double[dimension],
        Sigma0 = 1,
        Bounds = Bounds.Uniform(dimension, -5, 5),
        Mode = CmaCovarianceMode.Separable,
        Seed = seed,
    });

    protected override IAskTellOptimizer Restore(JsonObject state) => CmaEs.Restore(state);
}
