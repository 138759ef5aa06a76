using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.Genetic;

namespace EvoMerge.Search.Optimizers;

/// <summary>The genetic algorithm baseline (<c>ga</c>); the genome's starting point is a member of its first population.</summary>
public sealed class GeneticAlgorithmDescriptor : OptimizerDescriptor
{
    public override string Name => GeneticAlgorithm.OptimizerName;

    public override OptimizerCapabilities Capabilities { get; } = new(MultiObjective: false, NeedsPerExampleScores: false, JournalsPerExampleScores: false, SteadyState: false);

    public override IReadOnlyList<string> Settings { get; } = [Population];

    public override IAskTellOptimizer Create(OptimizerSpec spec, OptimizerContext context) => new GeneticAlgorithm(new GeneticAlgorithmOptions
    {
        Bounds = context.Bounds,
        PopulationSize = spec.Population ?? 20,
        Seed = context.Seed,
        InitialPopulation = context.StartsAtX0 ? [context.X0] : null,
        Termination = context.Termination(),
    });

    public override IAskTellOptimizer Restore(JsonObject state) => GeneticAlgorithm.Restore(state);
}
