using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Genetic;
using EvoMerge.Optimizers.Tests.Contract;

namespace EvoMerge.Optimizers.Tests.Genetic;

public class GeneticAlgorithmContractTests : OptimizerContractTests
{
    protected override IAskTellOptimizer Create(int dimension, ulong seed) =>
        new GeneticAlgorithm(new GeneticAlgorithmOptions { Bounds = Bounds.Uniform(dimension, -5, 5), PopulationSize = 10, Seed = seed });

    protected override IAskTellOptimizer Restore(JsonObject state) => GeneticAlgorithm.Restore(state);
}
