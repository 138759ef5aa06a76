using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Random;

namespace EvoMerge.Search.Optimizers;

/// <summary>Uniform random search (<c>random</c>) in the genome's boxes; <c>population</c> is its batch size.</summary>
public sealed class RandomSearchDescriptor : OptimizerDescriptor
{
    public override string Name => RandomSearch.OptimizerName;

    public override OptimizerCapabilities Capabilities { get; } = new(MultiObjective: true, NeedsPerExampleScores: false, JournalsPerExampleScores: false, SteadyState: false);

    public override IReadOnlyList<string> Settings { get; } = [Population];

    public override IAskTellOptimizer Create(OptimizerSpec spec, OptimizerContext context) => new RandomSearch(new RandomSearchOptions
    {
        Bounds = context.Bounds,
        BatchSize = spec.Population ?? 10,
        Objectives = context.Objectives,
        Seed = context.Seed,
        Termination = context.Termination(),
    });

    public override IAskTellOptimizer Restore(JsonObject state) => RandomSearch.Restore(state);
}
