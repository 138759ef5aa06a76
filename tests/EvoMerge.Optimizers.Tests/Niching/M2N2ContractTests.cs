using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Core.Randomness;
using EvoMerge.Optimizers.Niching;
using EvoMerge.Optimizers.Tests.Contract;

namespace EvoMerge.Optimizers.Tests.Niching;

/// <summary>The shared optimizer contract for steady-state M2N2 (one child per ask).</summary>
public class M2N2ContractTests : OptimizerContractTests
{
    protected override int PerExampleScores => 8;

    protected virtual M2N2Options Options => new() { ArchiveSize = 6, MutationSigma = 0.1 };

    protected override IAskTellOptimizer Create(int dimension, ulong seed) =>
        M2N2.FromRandomSeeds(dimension, PerExampleScores, Options, new Rng(seed), count: 2, scale: 1.0);

    protected override IAskTellOptimizer Restore(JsonObject state) => M2N2.Restore(state);
}

/// <summary>The same contract with batches of three children and split points on segment starts.</summary>
public class M2N2BatchedContractTests : M2N2ContractTests
{
    protected override M2N2Options Options =>
        new() { ArchiveSize = 5, MutationSigma = 0.1, BatchSize = 3, SegmentStarts = [0, 2] };
}
