using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Random;
using EvoMerge.Optimizers.Tests.Contract;

namespace EvoMerge.Optimizers.Tests.Random;

public class RandomSearchContractTests : OptimizerContractTests
{
    protected override IAskTellOptimizer Create(int dimension, ulong seed) =>
        new RandomSearch(new RandomSearchOptions { Bounds = Bounds.Uniform(dimension, -5, 5), BatchSize = 8, Seed = seed });

    protected override IAskTellOptimizer Restore(JsonObject state) => RandomSearch.Restore(state);
}
