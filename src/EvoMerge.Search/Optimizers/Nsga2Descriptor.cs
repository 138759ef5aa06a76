using System.Text.Json.Nodes;
using EvoMerge.Core.Optimization;
using EvoMerge.Optimizers.MultiObjective;

namespace EvoMerge.Search.Optimizers;

/// <summary>NSGA-II (<c>nsga2</c>) over every objective; the genome's starting point is a member of its first population.</summary>
public sealed class Nsga2Descriptor : OptimizerDescriptor
{
    public override string Name => Nsga2.OptimizerName;

    public override OptimizerCapabilities Capabilities { get; } = new(MultiObjective: true, NeedsPerExampleScores: false, JournalsPerExampleScores: false, SteadyState: false);

    public override IReadOnlyList<string> Settings { get; } = [Population];

    public override IAskTellOptimizer Create(OptimizerSpec spec, OptimizerContext context) => new Nsga2(new Nsga2Options
    {
        Bounds = context.Bounds,
        Objectives = context.Objectives,
        PopulationSize = spec.Population ?? 20,
        Seed = context.Seed,
        InitialPopulation = context.StartsAtX0 ? [context.X0] : null,
        Termination = context.Termination(),
    });

    public override IAskTellOptimizer Restore(JsonObject state) => Nsga2.Restore(state);
}
