using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.MultiObjective;
using EvoMerge.Optimizers.Tests.Contract;

namespace EvoMerge.Optimizers.Tests.MultiObjective;

public class Nsga2ContractTests : OptimizerContractTests
{
    protected override int Objectives => 2;

    protected override IAskTellOptimizer Create(int dimension, ulong seed) =>
        new Nsga2(new Nsga2Options { Bounds = Bounds.Uniform(dimension, -5, 5), Objectives = 2, PopulationSize = 12, Seed = seed });

    protected override IAskTellOptimizer Restore(JsonObject state) => Nsga2.Restore(state);
}
