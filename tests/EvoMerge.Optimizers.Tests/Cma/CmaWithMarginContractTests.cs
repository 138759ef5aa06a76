using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Cma;
using EvoMerge.Optimizers.Tests.Contract;

namespace EvoMerge.Optimizers.Tests.Cma;

/// <summary>The contract on a mixed problem: the first half of the genes continuous, the rest integers in [-5, 5].</summary>
public sealed class CmaWithMarginContractTests : OptimizerContractTests
{
    protected override IAskTellOptimizer Create(int dimension, ulong seed) => new CmaWithMargin(new CmaWithMarginOptions
    {
        Cma = new CmaEsOptions { X0 = new double[dimension], Sigma0 = 1, Bounds = Bounds.Uniform(dimension, -5, 5), Seed = seed },
        Discrete = [.. Enumerable.Range(0, dimension).Select(i => i < dimension / 2 ? null : DiscreteValues.Integers(-5, 5))],
    });

    protected override IAskTellOptimizer Restore(JsonObject state) => CmaWithMargin.Restore(state);
}
